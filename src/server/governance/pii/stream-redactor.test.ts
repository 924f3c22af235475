import { describe, expect, it } from 'vitest';
import type { Surface } from '../../../contract/index.js';
import { SseParser } from '../../protocols/index.js';
import { AnswerRedactor } from './answer-redactor.js';
import type { ClassActions } from './data-policy.js';
import { FindingTally } from './finding-tally.js';
import { holdBackStart } from './hold-back.js';
import { RedactionSession } from './redaction-session.js';
import { StreamRedactor } from './stream-redactor.js';

const redactAll: ClassActions = {
  email: 'redact',
  phone: 'redact',
  card: 'redact',
  iban: 'redact',
  'national-id': 'redact',
};

const chatChunk = (content: string, finish: string | null = null): { data: string } => ({
  data: JSON.stringify({
    id: 'c1',
    object: 'chat.completion.chunk',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
  }),
});

function run(
  surface: Surface,
  events: readonly { event?: string; data: string }[],
): { out: { event?: string; data: string }[]; tally: FindingTally } {
  const tally = new FindingTally('response');
  const redactor = new AnswerRedactor({ session: new RedactionSession(), actions: () => redactAll, tally });
  const stream = new StreamRedactor({ surface, redactor });
  let text = '';
  for (const event of events) text += stream.push(event);
  text += stream.release();
  const parser = new SseParser();
  return { out: [...parser.push(text), ...parser.flush()], tally };
}

const chatText = (events: readonly { data: string }[]): string =>
  events
    .map((event) => {
      if (event.data === '[DONE]') return '';
      const chunk = JSON.parse(event.data) as { choices: { delta: { content?: string } }[] };
      return chunk.choices[0]?.delta.content ?? '';
    })
    .join('');

describe('holdBackStart', () => {
  it('holds the last word, and number-like words before it that a grouped value may continue', () => {
    const text = 'Pay to card 4111 1111 1111';
    expect(text.slice(holdBackStart(text))).toBe('4111 1111 1111');
    expect('Hello there'.slice(holdBackStart('Hello there'))).toBe('there');
    expect('Dial +33 6 12 '.slice(holdBackStart('Dial +33 6 12 '))).toBe('+33 6 12 ');
    expect(holdBackStart('done.\n')).toBe(6);
  });

  it('never holds more than 96 characters', () => {
    const text = `start ${'x'.repeat(500)}`;
    expect(text.length - holdBackStart(text)).toBe(96);
  });
});

describe('StreamRedactor', () => {
  it('redacts a phone number split over two deltas and keeps every event', () => {
    const events = [
      chatChunk('Call me at +44 20 79'),
      chatChunk('46 0958 tomorrow.'),
      chatChunk('', 'stop'),
      { data: '[DONE]' },
    ];
    const { out, tally } = run('openai-chat', events);
    expect(chatText(out)).toBe('Call me at [PHONE_1] tomorrow.');
    expect(out).toHaveLength(events.length);
    expect(out.at(-1)?.data).toBe('[DONE]');
    expect(tally.summary('redacted')).toBe('1 phone');
  });

  it('gives every split of a text the same redaction as the whole text', () => {
    const text =
      'Hi Ann, reach me at ann.lee@example.com or +44 20 7946 0958; card 4111 1111 1111 1111, IBAN DE89 3704 0044 0532 0130 00, SSN 536-22-1234. Bye!';
    const expected =
      'Hi Ann, reach me at [EMAIL_1] or [PHONE_1]; card [CARD_1], IBAN [IBAN_1], SSN [NATIONAL_ID_1]. Bye!';
    let seed = 7;
    const random = (): number => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let round = 0; round < 200; round += 1) {
      const pieces: string[] = [];
      for (let at = 0; at < text.length;) {
        const size = 1 + Math.floor(random() * 9);
        pieces.push(text.slice(at, at + size));
        at += size;
      }
      const { out } = run('openai-chat', [...pieces.map((piece) => chatChunk(piece)), chatChunk('', 'stop')]);
      expect(chatText(out)).toBe(expected);
      expect(out).toHaveLength(pieces.length + 1);
    }
  });

  it('lets Anthropic pings overtake held text and releases it before the block stops', () => {
    const delta = (text: string) => ({
      event: 'content_block_delta',
      data: JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
    });
    const events = [
      delta('mail bob@exa'),
      { event: 'ping', data: '{"type":"ping"}' },
      delta('mple.com now'),
      { event: 'content_block_stop', data: '{"type":"content_block_stop","index":0}' },
    ];
    const { out } = run('anthropic-messages', events);
    expect(out.map((event) => event.event)).toEqual([
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
    ]);
    const texts = out
      .filter((event) => event.event === 'content_block_delta')
      .map((event) => (JSON.parse(event.data) as { delta: { text: string } }).delta.text);
    expect(texts.join('')).toBe('mail [EMAIL_1] now');
  });

  it('redacts the whole text that Responses repeats in its done events, without counting it twice', () => {
    const delta = (text: string, sequence: number) => ({
      data: JSON.stringify({
        type: 'response.output_text.delta',
        sequence_number: sequence,
        output_index: 0,
        content_index: 0,
        delta: text,
      }),
    });
    const done = {
      data: JSON.stringify({
        type: 'response.output_text.done',
        sequence_number: 3,
        output_index: 0,
        content_index: 0,
        text: 'SSN 536-22-1234.',
      }),
    };
    const { out, tally } = run('openai-responses', [delta('SSN 536-2', 1), delta('2-1234.', 2), done]);
    const parsed = out.map(
      (event) => JSON.parse(event.data) as { delta?: string; text?: string; sequence_number: number },
    );
    expect(parsed.map((event) => event.sequence_number)).toEqual([1, 2, 3]);
    expect(
      parsed
        .slice(0, 2)
        .map((event) => event.delta)
        .join(''),
    ).toBe('SSN [NATIONAL_ID_1].');
    expect(parsed[2]?.text).toBe('SSN [NATIONAL_ID_1].');
    expect(tally.summary('redacted')).toBe('1 national-id');
  });
});
