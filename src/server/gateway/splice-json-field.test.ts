import { describe, expect, it } from 'vitest';
import { findTopLevelValue, findTrailingTopLevelValue, spliceJsonField } from './splice-json-field.js';

describe('spliceJsonField', () => {
  it('replaces only the top-level value and keeps every other byte', () => {
    const text =
      '{ "messages": [{"role":"user","content":"say \\"model\\": x", "model": "inner"}],\n  "model" :  "gpt-4o-mini", "n":1 }';
    const out = spliceJsonField(text, 'model', '"gpt-4o-mini-2024-07-18"');
    expect(out).toBe(text.replace('"gpt-4o-mini"', '"gpt-4o-mini-2024-07-18"'));
    expect((JSON.parse(out) as { messages: { model: string }[] }).messages[0]?.model).toBe('inner');
  });

  it('finds values of every JSON type and skips nested objects', () => {
    const text = '{"a":{"model":1},"b":[1,{"c":"}"}],"model":{"x":[1,2]},"z":true}';
    const span = findTopLevelValue(text, 'model');
    expect(span && text.slice(span.start, span.end)).toBe('{"x":[1,2]}');
    const number = '{"model":12.5e3,"x":null}';
    const numberSpan = findTopLevelValue(number, 'model');
    expect(numberSpan && number.slice(numberSpan.start, numberSpan.end)).toBe('12.5e3');
    expect(findTopLevelValue('{"a":{"model":1}}', 'model')).toBeUndefined();
  });

  it('appends a missing field, to an empty or non-empty object', () => {
    expect(JSON.parse(spliceJsonField('{"model":"m"}', 'stream_options', '{"include_usage":true}'))).toEqual({
      model: 'm',
      stream_options: { include_usage: true },
    });
    expect(spliceJsonField('{ }', 'a', '1')).toBe('{ "a":1}');
  });
});

describe('findTrailingTopLevelValue', () => {
  const slice = (text: string) => {
    const span = findTrailingTopLevelValue(text, 'usage');
    return span && text.slice(span.start, span.end);
  };

  it('finds a top-level usage among the last fields, from the end', () => {
    expect(
      slice(
        '{"choices":[{"message":{"content":"x"}}],"usage":{"prompt_tokens":3},"service_tier":"default","system_fingerprint":"fp"}\n',
      ),
    ).toBe('{"prompt_tokens":3}');
    expect(slice('{ "data": [[0.1, 0.2]], "usage" : { "prompt_tokens" : 9 } }')).toBe('{ "prompt_tokens" : 9 }');
  });

  it('ignores a "usage" that is a value, inside a string, or nested deeper', () => {
    expect(slice('{"content":"usage","x":1}')).toBeUndefined();
    expect(slice('{"content":"the \\"usage\\": {} field","x":1}')).toBeUndefined();
    expect(slice('{"a":1,"b":{"usage":{"prompt_tokens":1}}}')).toBeUndefined();
    expect(slice('{"usage":{"prompt_tokens":2},"b":{"usage":{"prompt_tokens":1}}}')).toBe('{"prompt_tokens":2}');
  });
});
