import { describe, expect, it } from 'vitest';
import { boundedFetch } from './bounded-fetch.js';

function serving(body: string, contentType: string): (url: string | URL) => Promise<Response> {
  return () => Promise.resolve(new Response(body, { headers: { 'content-type': contentType } }));
}

describe('boundedFetch', () => {
  it('passes a JSON body within the bound and errors past it', async () => {
    const small = await boundedFetch(100, serving('{"ok":true}', 'application/json'))('http://127.0.0.1/');
    expect(await small.json()).toEqual({ ok: true });
    const large = await boundedFetch(100, serving(`"${'a'.repeat(500)}"`, 'application/json'))('http://127.0.0.1/');
    await expect(large.text()).rejects.toThrow('larger than 100 bytes');
  });

  it('bounds an SSE stream per event, not in total', async () => {
    const events = Array.from({ length: 20 }, (_, index) => `data: ${'x'.repeat(50)}${index}\r\n\r\n`).join('');
    const many = await boundedFetch(100, serving(events, 'text/event-stream'))('http://127.0.0.1/');
    expect((await many.text()).length).toBe(events.length);
    const big = await boundedFetch(
      100,
      serving(`data: ${'x'.repeat(500)}\n\n`, 'text/event-stream'),
    )('http://127.0.0.1/');
    await expect(big.text()).rejects.toThrow('larger than 100 bytes');
  });
});
