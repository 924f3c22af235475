/**
 * `json.dumps(value)` as Python prints it with its defaults: `", "` and `": "` separators, keys in
 * insertion order, non-ASCII escaped (`ensure_ascii`), floats as `repr(float)`. A JS `number` is a
 * Python float (every number in the retail data is one); a `bigint` is a Python int (the one int
 * the tools can produce: a price difference over zero items).
 */
import { pythonFloatRepr } from './python-float.js';

/** A value the way the ported tools hold Python data: dicts keyed by ids are Maps, so their order survives. */
export type PythonValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | readonly PythonValue[]
  | ReadonlyMap<string, PythonValue>
  | { readonly [key: string]: PythonValue | undefined };

/** Python's `json.dumps(value)` with default options. */
export function pythonJsonDumps(value: PythonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return pythonJsonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return pythonFloatRepr(value);
  }
  if (isPythonList(value)) return `[${value.map((item: PythonValue) => pythonJsonDumps(item)).join(', ')}]`;
  const entries = pythonEntries(value);
  return `{${entries.map(([key, item]) => `${pythonJsonString(key)}: ${pythonJsonDumps(item)}`).join(', ')}}`;
}

/** JSON string escaping as Python's ensure_ascii encoder does it (`\u00e9`, `\u007f`, lowercase hex). */
export function pythonJsonString(text: string): string {
  return JSON.stringify(text).replace(
    /[^\x20-\x7e]/g,
    (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A dict's items in insertion order; an absent optional field (undefined) is no key at all. */
export function pythonEntries(
  value: ReadonlyMap<string, PythonValue> | { readonly [key: string]: PythonValue | undefined },
): [string, PythonValue][] {
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return entries.filter((entry): entry is [string, PythonValue] => entry[1] !== undefined);
}

/** `Array.isArray` does not narrow a readonly array type; this does. */
export function isPythonList(value: PythonValue): value is readonly PythonValue[] {
  return Array.isArray(value);
}
