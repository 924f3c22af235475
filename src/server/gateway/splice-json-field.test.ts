import { describe, expect, it } from 'vitest';
import { findTopLevelValue, spliceJsonField } from './splice-json-field.js';

describe('spliceJsonField', () => {
  it('replaces only the top-level value and keeps every other byte', () => {
    const text = '{ "messages": [{"role":"user","content":"say \\"model\\": x", "model": "inner"}],\n  "model" :  "gpt-4o-mini", "n":1 }';
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
