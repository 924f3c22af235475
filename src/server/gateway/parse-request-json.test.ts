import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PodiumError } from '../../contract/index.js';
import { exceedsDepth, maxJsonDepth, parseRequestJson, pathBeyondDepth } from './parse-request-json.js';

const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object'
    ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf))
    : 0;

describe('parseRequestJson', () => {
  it('refuses 10^5 levels of nesting with a 400 naming the field, without touching the stack', () => {
    const body = Buffer.from(
      `{"model":"m","tools":[{"function":{"parameters":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}]}`,
    );
    const error = (() => {
      try {
        parseRequestJson(body);
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(PodiumError);
    expect(error).toMatchObject({ status: 400, param: 'tools.0.function.parameters.a.a.a.a…' });
    expect(() => parseRequestJson(Buffer.from('['.repeat(100_000)))).toThrow(/deeper than 64 levels at 0\.0\.0/);
  });

  it('refuses invalid UTF-8 as not JSON, even inside a string', () => {
    const body = Buffer.concat([Buffer.from('{"content":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]);
    expect(() => parseRequestJson(body)).toThrow(
      expect.objectContaining({ code: 'invalid_json', status: 400 }) as unknown,
    );
  });

  it('agrees with JSON.parse on every JSON value within the depth bound', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        expect(parseRequestJson(Buffer.from(text))).toEqual(JSON.parse(text));
      }),
    );
  });

  it('finds a path exactly when the nesting exceeds the bound, keys with quotes, escapes and brackets included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), fc.integer({ min: 1, max: 10 }), (value, bound) => {
        const text = JSON.stringify(value);
        expect(pathBeyondDepth(Buffer.from(text), bound) !== undefined).toBe(depthOf(value) > bound);
      }),
      { numRuns: 300 },
    );
  });

  it('says a body is too deep exactly when pathBeyondDepth names a field, on JSON and on arbitrary bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.jsonValue({ maxDepth: 12 }).map((value) => Buffer.from(JSON.stringify(value))),
          fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
        ),
        fc.integer({ min: 1, max: 10 }),
        (buffer, bound) => {
          expect(exceedsDepth(buffer, bound)).toBe(pathBeyondDepth(buffer, bound) !== undefined);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('turns arbitrary bytes into a value or a 400, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        try {
          parseRequestJson(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(PodiumError);
          expect((error as PodiumError).status).toBe(400);
        }
      }),
      { numRuns: 500 },
    );
    expect(maxJsonDepth).toBe(64);
  });
});
