/**
 * What scanning costs on the request path, in microseconds per KB of text, for three kinds of
 * text: prose without digits (the cheap gate), a realistic mix (prose, code, numbers, a few values),
 * and a worst case dense with numbers. The bounds are loose — a regression guard on a shared
 * machine, not a benchmark; docs/data-protection.md records the measured figures.
 */
import { describe, expect, it } from 'vitest';
import { createGatewayCall } from '../../gateway/index.js';
import { createGatewayMetrics } from '../../telemetry/index.js';
import { DataPolicy } from './data-policy.js';
import { dataProtectionSchema } from '../../../contract/index.js';
import { findPii } from './find-pii.js';
import { protectRequest } from './protect-request.js';

const prose = 'The quick brown fox jumps over the lazy dog while the committee reviews the quarterly plan. ';
const mixed = [
  'Hi team, the deploy of v2.14.3 finished at 2024-05-02T10:31:22Z on 10.0.4.17 (build 7f3a9c2e). ',
  'Order ORD-2024-558812 for $1,249.99 ships Friday; contact ann.lee@example.com or +44 20 7946 0958. ',
  '```ts\n@Injectable()\nexport class Billing { total = items.reduce((sum, item) => sum + item.price * 1.2, 0); }\n```\n',
  'Refund to IBAN DE89 3704 0044 0532 0130 00 (ticket 48213, invoice INV/2024/000123). ',
  prose,
  prose,
].join('');
const dense = '4111 1111 1111 1112 2024-01-15 192.168.1.1 978-3-16-148410-0 536-22-1234 +1 415 555 2671 12345678 ';

const repeatTo = (unit: string, bytes: number): string => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);

/** Median microseconds per KB over several runs. */
function microsecondsPerKb(text: string): number {
  for (let warm = 0; warm < 20; warm += 1) findPii(text);
  const samples: number[] = [];
  for (let run = 0; run < 30; run += 1) {
    const started = performance.now();
    findPii(text);
    samples.push(((performance.now() - started) * 1000) / (text.length / 1024));
  }
  samples.sort((left, right) => left - right);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
}

describe('scanning cost', () => {
  it('stays within a few microseconds per KB for ordinary text', () => {
    const costs = {
      prose: microsecondsPerKb(repeatTo(prose, 64 * 1024)),
      mixed: microsecondsPerKb(repeatTo(mixed, 64 * 1024)),
      dense: microsecondsPerKb(repeatTo(dense, 64 * 1024)),
    };
    console.log(
      `findPii µs/KB: ${Object.entries(costs)
        .map(([kind, cost]) => `${kind} ${cost.toFixed(1)}`)
        .join(', ')}`,
    );
    expect(costs.prose).toBeLessThan(50);
    expect(costs.mixed).toBeLessThan(400);
    expect(costs.dense).toBeLessThan(1500);
  });

  it('costs tens of microseconds for a 20-message conversation without personal data', () => {
    const stage = protectRequest({
      policy: new DataPolicy({ global: dataProtectionSchema.parse({ classes: { email: 'redact' } }) }),
      metrics: createGatewayMetrics(),
    });
    const messages = Array.from({ length: 20 }, (_, index) => ({
      role: index % 2 === 0 ? 'user' : 'assistant',
      content: mixed.replace(/ann\.lee@example\.com|\+44 20 7946 0958|DE89 3704 0044 0532 0130 00/g, 'them'),
    }));
    const body = { model: 'fast', messages };
    const bytes = JSON.stringify(body).length;
    const run = (): number => {
      const call = createGatewayCall({
        id: 'c',
        surface: 'openai-chat',
        credential: undefined,
        headers: {},
        rawBody: Buffer.alloc(0),
        startedAt: 0,
      });
      call.body = body;
      const started = performance.now();
      void stage(call);
      return (performance.now() - started) * 1000;
    };
    for (let warm = 0; warm < 50; warm += 1) run();
    const samples = Array.from({ length: 50 }, run).sort((left, right) => left - right);
    const median = samples[25] ?? Number.NaN;
    console.log(`protectRequest: ${median.toFixed(0)} µs for ${(bytes / 1024).toFixed(1)} KB of messages`);
    expect(median).toBeLessThan(2000);
  });
});
