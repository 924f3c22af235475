import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { wireDataDir, wireSuiteTitle, wireText } from '../recorded.test-suite.js';
import { formatSse } from './format-sse.js';
import { SseLimitError } from './sse-limit-error.js';
import { SseParser, type SseEvent } from './sse-parser.js';

const fixture = (path: string): string =>
  readFileSync(fileURLToPath(new URL(`../../testkit/fixtures/${path}`, import.meta.url)), 'utf8');

function parseAll(chunks: ReadonlyArray<string | Uint8Array>): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  for (const chunk of chunks) events.push(...parser.push(chunk));
  events.push(...parser.flush());
  return events;
}

/** A recorded Anthropic stream (one JSON event per line) as the bytes the server sends. */
function anthropicWire(lineEnding: string): { wire: string; expected: SseEvent[] } {
  const expected = fixture('anthropic/text.chunks.txt')
    .split('\n')
    .filter((line) => line !== '')
    .map((data) => ({ event: (JSON.parse(data) as { type: string }).type, data }));
  const wire = expected
    .map((event) => `event: ${event.event}${lineEnding}data: ${event.data}${lineEnding}${lineEnding}`)
    .join('');
  return { wire, expected };
}

describe('SseParser', () => {
  it('parses events with names, data and the default type', () => {
    expect(parseAll(['event: ping\ndata: {}\n\ndata: hello\n\n'])).toEqual([
      { event: 'ping', data: '{}' },
      { data: 'hello' },
    ]);
  });

  it('joins multi-line data with newlines and strips one leading space only', () => {
    expect(parseAll(['data: a\ndata:  b\ndata:c\n\n'])).toEqual([{ data: 'a\n b\nc' }]);
  });

  it('ignores comments, unknown fields, id and retry, and blank lines without data', () => {
    expect(parseAll([': keep-alive\n\nid: 7\nretry: 10\nfoo: bar\ndata: x\n\n\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('treats a field without a colon as an empty value', () => {
    expect(parseAll(['data\n\n'])).toEqual([{ data: '' }]);
  });

  it('accepts CRLF, CR and LF line endings, including a CRLF split across chunks', () => {
    expect(parseAll(['data: a\r\n\r\ndata: b\r\rdata: c\n\n'])).toEqual([{ data: 'a' }, { data: 'b' }, { data: 'c' }]);
    expect(parseAll(['data: a\r', '\n\r', '\ndata: b\r\n\r\n'])).toEqual([{ data: 'a' }, { data: 'b' }]);
  });

  it('delivers the last event on flush when the stream ends without a blank line', () => {
    const parser = new SseParser();
    expect(parser.push('data: one\n\ndata: two')).toEqual([{ data: 'one' }]);
    expect(parser.flush()).toEqual([{ data: 'two' }]);
  });

  it('strips a leading byte order mark', () => {
    expect(parseAll(['\uFEFFdata: x\n\n'])).toEqual([{ data: 'x' }]);
  });

  it('returns no events (and allocates no array) for chunks that complete nothing', () => {
    const parser = new SseParser();
    const first = parser.push('data: {"a":');
    const second = parser.push('1}');
    expect(first).toHaveLength(0);
    expect(second).toBe(first);
    expect(parser.push('\n\n')).toEqual([{ data: '{"a":1}' }]);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('survives a split at every byte offset of a recorded stream (%s)', (_name, lineEnding) => {
    const { wire, expected } = anthropicWire(lineEnding);
    const bytes = new TextEncoder().encode(wire);
    // The fixture holds multi-byte characters, so some splits fall inside a UTF-8 sequence.
    expect(bytes.length).toBeGreaterThan(wire.length);
    for (let offset = 0; offset <= bytes.length; offset++) {
      expect(parseAll([bytes.subarray(0, offset), bytes.subarray(offset)])).toEqual(expected);
    }
  });

  it('survives byte-at-a-time delivery', () => {
    const { wire, expected } = anthropicWire('\n');
    const bytes = new TextEncoder().encode(wire);
    const chunks = Array.from({ length: bytes.length }, (_, index) => bytes.subarray(index, index + 1));
    expect(parseAll(chunks)).toEqual(expected);
  });
});

describe('SseParser on hostile input', () => {
  /** A `size`-character data line in `chunkSize` chunks, then a short event: what a hostile upstream can send. */
  function feedLongLine(parser: SseParser, options: { size: number; chunkSize: number }): SseEvent[] {
    const events: SseEvent[] = [...parser.push('data: ')];
    const chunk = new TextEncoder().encode('x'.repeat(options.chunkSize));
    for (let sent = 0; sent < options.size; sent += options.chunkSize) events.push(...parser.push(chunk));
    events.push(...parser.push('\n\ndata: after\n\n'));
    return events;
  }

  it('reads a 20 MB line in small chunks in time linear in its length', () => {
    const parser = new SseParser({ maxEventLength: 32 * 1024 * 1024 });
    const started = performance.now();
    const events = feedLongLine(parser, { size: 20 * 1024 * 1024, chunkSize: 16 * 1024 });
    const elapsed = performance.now() - started;
    expect(events).toHaveLength(2);
    expect(events[0]?.data.length).toBe(20 * 1024 * 1024);
    expect(events[1]).toEqual({ data: 'after' });
    // Rescanning the pending tail on every chunk took tens of seconds here; a linear scan takes well under one.
    expect(elapsed).toBeLessThan(3000);
  });

  it('fails a line longer than the limit as soon as it is longer, without waiting for its end', () => {
    const parser = new SseParser({ maxEventLength: 1024 });
    parser.push('data: ');
    expect(() => {
      for (let index = 0; index < 100; index++) parser.push('y'.repeat(100));
    }).toThrow(SseLimitError);
  });

  it('fails a complete line longer than the limit that arrives in one chunk', () => {
    expect(() => new SseParser({ maxEventLength: 10 }).push(`data: ${'z'.repeat(20)}\n\n`)).toThrow(SseLimitError);
  });

  it('fails an event whose many short data lines together pass the limit, and joins them linearly below it', () => {
    const lines = 'data: abcdefgh\n'.repeat(200);
    expect(() => new SseParser({ maxEventLength: 1000 }).push(`${lines}\n`)).toThrow(SseLimitError);
    const [event] = new SseParser({ maxEventLength: 4000 }).push(`${lines}\n`);
    expect(event?.data).toBe(Array.from({ length: 200 }, () => 'abcdefgh').join('\n'));
  });

  it('names the limit but nothing about the upstream in its error', () => {
    const error = (() => {
      try {
        new SseParser({ maxEventLength: 8 }).push('data: 0123456789');
      } catch (caught) {
        return caught as SseLimitError;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: 'upstream_protocol_error', status: 502 });
    expect(error?.message).toContain('8 characters');
  });
});

const wire = wireDataDir(process.env.PODIUM_WIRE_DATA);
describe.skipIf(!wire)(wireSuiteTitle('SseParser on a raw recorded capture', wire), () => {
  it('splits at every byte offset of an OpenAI-compatible stream ending in [DONE]', () => {
    const bytes = new TextEncoder().encode(
      wireText(wire ?? '', 'openai-compatible/chat/anthropic-fallback-tool-call.sse'),
    );
    const expected = parseAll([bytes]);
    expect(expected).toHaveLength(9);
    expect(expected.at(-1)).toEqual({ data: '[DONE]' });
    for (let offset = 0; offset <= bytes.length; offset++) {
      expect(parseAll([bytes.subarray(0, offset), bytes.subarray(offset)])).toEqual(expected);
    }
  });
});

describe('formatSse', () => {
  it('writes one data line, with the event name when given', () => {
    expect(formatSse('{"a":1}')).toBe('data: {"a":1}\n\n');
    expect(formatSse('{}', 'ping')).toBe('event: ping\ndata: {}\n\n');
  });

  it('splits text with newlines into several data lines that parse back to the same text', () => {
    const text = 'line one\nline two\r\nline three';
    expect(formatSse(text)).toBe('data: line one\ndata: line two\ndata: line three\n\n');
    expect(parseAll([formatSse(text, 'note')])).toEqual([{ event: 'note', data: 'line one\nline two\nline three' }]);
  });
});
