import { describe, expect, it } from 'vitest';
import { loadEvents, ownFixturePath } from '../testkit/index.js';
import { estimateUsage } from './estimate-usage.js';
import { RelayedText, textOfPayload } from './relayed-text.js';

const relayedFrom = (path: string): RelayedText => {
  const relayed = new RelayedText();
  for (const event of loadEvents(ownFixturePath(path))) relayed.addPayload(event.data);
  return relayed;
};

describe('the text a client received, for estimates', () => {
  it("reads the generated text out of each protocol's recorded stream, once", () => {
    expect(relayedFrom('openai/chat-text.chunks.txt').read().text).toMatch(/^Violin, viola, cello/);
    const anthropic = relayedFrom('anthropic/text.chunks.txt').read().text;
    expect(anthropic.length).toBeGreaterThan(5);
    // The Responses API repeats the whole answer in its closing events: counted once.
    const responses = relayedFrom('openai/responses-text.chunks.txt').read().text;
    const deltas = loadEvents(ownFixturePath('openai/responses-text.chunks.txt'))
      .map((event) => JSON.parse(event.data) as { type: string; delta?: string })
      .filter((event) => event.type === 'response.output_text.delta')
      .map((event) => event.delta)
      .join('');
    expect(responses).toBe(deltas);
  });

  it('counts garbage as what it is, and ignores [DONE]', () => {
    expect(textOfPayload('not json')).toBe('not json');
    expect(textOfPayload('[DONE]')).toBe('');
    expect(textOfPayload('{"choices":[{"delta":{"content":"hi"}}],"id":"x","model":"m"}')).toBe('hi');
  });

  it('keeps a bounded amount and extrapolates the rest', () => {
    const frame = JSON.stringify({
      choices: [{ delta: { content: 'word ' } }],
      id: 'chatcmpl-123',
      model: 'gpt-4o-mini',
    });
    const relayed = new RelayedText();
    for (let index = 0; index < 20_000; index += 1) relayed.addPayload(frame);
    const { text, overflowChars } = relayed.read();
    expect(text.length).toBeLessThan(300_000);
    // 20,000 × "word " = 100,000 characters in all, kept or extrapolated.
    expect(text.length + overflowChars).toBeGreaterThan(99_000);
    expect(text.length + overflowChars).toBeLessThan(101_000);
    const usage = estimateUsage({ body: { messages: [{ role: 'user', content: 'hi' }] }, relayed, generates: true });
    expect(usage.outputTokens).toBeGreaterThan(15_000);
    expect(usage.outputTokens).toBeLessThan(30_000);
  });
});
