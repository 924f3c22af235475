/**
 * Rebuilds the arguments of a function call that Gemini streams piece by piece
 * (`streamFunctionCallArguments`): each piece sets one JSONPath (`$.recipe.steps[2]`) to a value, and
 * a string value may arrive in several pieces, each but the last marked `willContinue`.
 */
import { asRecord, stringField } from '../shared/record.js';

type Segment = string | number;

/** `$.a.b[0]['c d']` → ['a', 'b', 0, 'c d']; undefined for a path this reader does not understand. */
export function parseJsonPath(path: string): Segment[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const segments: Segment[] = [];
  const pattern = /\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\]/y;
  pattern.lastIndex = 1;
  while (pattern.lastIndex < path.length) {
    const match = pattern.exec(path);
    if (match === null) return undefined;
    const [, name, index, single, double] = match;
    segments.push(index === undefined ? (name ?? single ?? double ?? '') : Number(index));
  }
  return segments;
}

function setPath(
  root: Record<string, unknown>,
  segments: readonly Segment[],
  update: (current: unknown) => unknown,
): void {
  let container: Record<string, unknown> | unknown[] = root;
  segments.forEach((segment, position) => {
    const last = position === segments.length - 1;
    const current: unknown = Array.isArray(container) ? container[Number(segment)] : container[String(segment)];
    const next = last
      ? update(current)
      : typeof current === 'object' && current !== null
        ? current
        : typeof segments[position + 1] === 'number'
          ? []
          : {};
    if (Array.isArray(container)) container[Number(segment)] = next;
    else container[String(segment)] = next;
    if (!last) container = next as Record<string, unknown> | unknown[];
  });
}

/** The value a piece carries, in the protobuf `Value` spelling Gemini uses. */
function pieceValue(piece: Record<string, unknown>): { value: unknown } | undefined {
  for (const key of ['stringValue', 'numberValue', 'boolValue', 'structValue', 'listValue'] as const) {
    if (key in piece) return { value: piece[key] };
  }
  return 'nullValue' in piece ? { value: null } : undefined;
}

export class StreamedArguments {
  readonly #root: Record<string, unknown> = {};
  /** Paths whose string value expects another piece. */
  readonly #continuing = new Set<string>();

  /** Applies the `partialArgs` of one chunk. */
  apply(partialArgs: unknown): void {
    if (!Array.isArray(partialArgs)) return;
    for (const item of partialArgs) {
      const piece = asRecord(item);
      const path = stringField(piece, 'jsonPath');
      const segments = path === undefined ? undefined : parseJsonPath(path);
      const carried = piece === undefined ? undefined : pieceValue(piece);
      if (path === undefined || segments === undefined || segments.length === 0 || carried === undefined) continue;
      const appending = this.#continuing.has(path) && typeof carried.value === 'string';
      setPath(this.#root, segments, (current) =>
        appending && typeof current === 'string' ? current + String(carried.value) : carried.value,
      );
      if (piece?.willContinue === true) this.#continuing.add(path);
      else this.#continuing.delete(path);
    }
  }

  /** The arguments as JSON text. */
  toJson(): string {
    return JSON.stringify(this.#root);
  }
}
