/**
 * The benchmark's state hash (base_env.py): `sha256(str(to_hashable(data)))`, where `to_hashable`
 * turns dicts into tuples of `(key, value)` pairs sorted by key and lists into tuples, and `str`
 * is Python's tuple repr. Rebuilt here piece by piece so the hash matches Python's byte for byte.
 */
import { createHash } from 'node:crypto';
import { pythonFloatRepr } from './python-float.js';
import { isPythonList, pythonEntries } from './python-json.js';
import type { PythonValue } from './python-json.js';
import { pythonStringRepr } from './python-string-repr.js';

/** The hash base_env.py's `get_data_hash()` gives for the same data. */
export function stateHash(value: PythonValue): string {
  return createHash('sha256').update(hashableText(value), 'utf8').digest('hex');
}

/** `str(to_hashable(value))`: the text the hash is taken of. */
export function hashableText(value: PythonValue): string {
  const parts: string[] = [];
  appendHashable(value, parts);
  return parts.join('');
}

/**
 * The text of frozen values, which cannot change: the entities a task did not touch are shared
 * by every copy of the database, so their text is built once.
 */
const frozenTexts = new WeakMap<object, string>();

function appendHashable(value: PythonValue, parts: string[]): void {
  if (typeof value === 'object' && value !== null && Object.isFrozen(value)) {
    let text = frozenTexts.get(value);
    if (text === undefined) {
      const own: string[] = [];
      appendStructure(value, own);
      text = own.join('');
      frozenTexts.set(value, text);
    }
    parts.push(text);
  } else appendStructure(value, parts);
}

function appendStructure(value: PythonValue, parts: string[]): void {
  if (value === null) parts.push('None');
  else if (typeof value === 'string') parts.push(pythonStringRepr(value));
  else if (typeof value === 'boolean') parts.push(value ? 'True' : 'False');
  else if (typeof value === 'bigint') parts.push(value.toString());
  else if (typeof value === 'number') parts.push(pythonFloatRepr(value));
  else if (isPythonList(value)) appendTuple(value, (item: PythonValue) => appendHashable(item, parts), parts);
  else {
    const entries = pythonEntries(value);
    entries.sort(([left], [right]) => compareCodePoints(left, right));
    appendTuple(
      entries,
      ([key, item]) => {
        parts.push('(', pythonStringRepr(key), ', ');
        appendHashable(item, parts);
        parts.push(')');
      },
      parts,
    );
  }
}

/** `str(tuple)`: a one-element tuple keeps its trailing comma. */
function appendTuple<T>(items: readonly T[], appendItem: (item: T) => void, parts: string[]): void {
  parts.push('(');
  items.forEach((item, index) => {
    if (index > 0) parts.push(', ');
    appendItem(item);
  });
  parts.push(items.length === 1 ? ',)' : ')');
}

const surrogate = /[\ud800-\udfff]/;

/** Python sorts str by code point; JS compares UTF-16 units, which differ only past the BMP. */
function compareCodePoints(left: string, right: string): number {
  if (!surrogate.test(left) && !surrogate.test(right)) return left < right ? -1 : left > right ? 1 : 0;
  const a = [...left];
  const b = [...right];
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    const difference = (a[index]?.codePointAt(0) ?? 0) - (b[index]?.codePointAt(0) ?? 0);
    if (difference !== 0) return difference;
  }
  return a.length - b.length;
}
