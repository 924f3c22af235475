/**
 * The one place a caller's JSON body becomes a value. Before JSON.parse it refuses what is not JSON
 * (invalid UTF-8, which pass-through would otherwise forward upstream untouched) and nesting deeper
 * than any real request needs: every recursive walker downstream (zod, tool and output schemas,
 * PII scanning, cache keys) can then recurse without risking the stack.
 */
import { isUtf8 } from 'node:buffer';
import { PodiumError } from '../../contract/index.js';

/** Deepest nesting of objects and arrays accepted in a request body (tool schemas nest a few dozen at most). */
export const maxJsonDepth = 64;

const quote = 0x22;
const backslash = 0x5c;
const maxPathSegments = 8;

interface Level {
  object: boolean;
  index: number;
  key: string | undefined;
  expectKey: boolean;
}

const decodeKey = (buffer: Buffer, start: number, end: number): string => {
  const raw = buffer.toString('utf8', start, Math.min(end, start + 64));
  try {
    return end - start > 64 ? raw : (JSON.parse(`"${raw}"`) as string);
  } catch {
    return raw;
  }
};

const pathOf = (stack: readonly Level[]): string => {
  const segments = stack
    .slice(0, maxPathSegments)
    .map((level) => (level.object ? (level.key ?? '') : String(level.index)));
  return segments.join('.') + (stack.length > maxPathSegments ? '…' : '');
};

/**
 * The path (`tools.0.function.parameters…`) of the first container nested deeper than `maxDepth`, or
 * undefined. A linear scan with an explicit stack: it cannot overflow, whatever it is given.
 */
export function pathBeyondDepth(buffer: Buffer, maxDepth: number): string | undefined {
  const stack: Level[] = [];
  let inString = false;
  let escaped = false;
  let stringStart = 0;
  let lastKey: string | undefined;
  for (let at = 0; at < buffer.length; at += 1) {
    const byte = buffer[at] as number;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === backslash) escaped = true;
      else if (byte === quote) {
        inString = false;
        const top = stack.at(-1);
        if (top?.object && top.expectKey) lastKey = decodeKey(buffer, stringStart, at);
      }
      continue;
    }
    switch (byte) {
      case quote:
        inString = true;
        stringStart = at + 1;
        break;
      case 0x7b: // {
      case 0x5b: // [
        if (stack.length >= maxDepth) return pathOf(stack) || '(root)';
        stack.push({ object: byte === 0x7b, index: 0, key: undefined, expectKey: byte === 0x7b });
        break;
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      case 0x2c: {
        // ,
        const top = stack.at(-1);
        if (top) {
          top.index += 1;
          top.expectKey = top.object;
        }
        break;
      }
      case 0x3a: {
        // :
        const top = stack.at(-1);
        if (top?.object) {
          top.key = lastKey;
          top.expectKey = false;
        }
        break;
      }
      default:
    }
  }
  return undefined;
}

/**
 * Whether any container nests deeper than `maxDepth`: depth only, no keys decoded. Every body pays for
 * this scan; only the rare body that fails it pays for `pathBeyondDepth`'s key decoding to name the field.
 */
export function exceedsDepth(buffer: Buffer, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let at = 0; at < buffer.length; at += 1) {
    const byte = buffer[at] as number;
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === backslash) escaped = true;
      else if (byte === quote) inString = false;
    } else if (byte === quote) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if ((byte === 0x7d || byte === 0x5d) && depth > 0) depth -= 1;
  }
  return false;
}

/** Parses a request body as JSON: 400 `invalid_json` for bad UTF-8 or syntax, 400 naming the field nested too deep. */
export function parseRequestJson(buffer: Buffer, options: { maxDepth?: number } = {}): unknown {
  if (!isUtf8(buffer)) throw new PodiumError('invalid_json', 'The request body is not valid UTF-8, so it is not JSON.');
  const maxDepth = options.maxDepth ?? maxJsonDepth;
  const deep = exceedsDepth(buffer, maxDepth) ? pathBeyondDepth(buffer, maxDepth) : undefined;
  if (deep !== undefined) {
    throw new PodiumError(
      'invalid_request',
      `The request body nests objects and arrays deeper than ${maxDepth} levels at ${deep}.`,
      { param: deep },
    );
  }
  try {
    return JSON.parse(buffer.toString('utf8'));
  } catch (error) {
    throw new PodiumError(
      'invalid_json',
      `We could not parse the JSON body of your request: ${(error as Error).message}`,
      { cause: error },
    );
  }
}
