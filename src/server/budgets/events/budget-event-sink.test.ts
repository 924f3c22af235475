/** The event sink against a real store and a real local HTTP receiver: stored once, delivered once, retried, never thrown. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BudgetEvent } from '../../../contract/index.js';
import { createOutboundGuard } from '../../outbound/index.js';
import type { SqlClient } from '../../store/index.js';
import { createBudgetEventSink, type BudgetEventSinkOptions } from './budget-event-sink.js';
import { openTestDatabase } from '../../testkit/index.js';
import { createBudgetEventRepository } from '../../budgets/index.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}
interface Reply {
  status: number;
  headers?: Record<string, string>;
}

interface Receiver {
  url: string;
  received: Received[];
  /** While true, replies wait for `release`. */
  hold: boolean;
  release(): void;
  /** Resolves once `count` posts have arrived. */
  posted(count: number): Promise<void>;
  close(): Promise<void>;
}

/** A webhook receiver answering each post with the next scripted reply (200 once the script runs out). */
async function startReceiver(script: Reply[] = []): Promise<Receiver> {
  const received: Received[] = [];
  const held: (() => void)[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        headers: request.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      for (const waiter of waiting.filter((candidate) => candidate.count <= received.length)) waiter.resolve();
      const reply = script.shift() ?? { status: 200 };
      const answer = () => {
        response.writeHead(reply.status, reply.headers);
        response.end('ok');
      };
      if (receiver.hold) held.push(answer);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const receiver: Receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    hold: false,
    release: () => held.splice(0).forEach((answer) => answer()),
    posted: (count) =>
      received.length >= count ? Promise.resolve() : new Promise((resolve) => waiting.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return receiver;
}

let store: SqlClient;
beforeAll(async () => {
  store = await openTestDatabase();
});
afterAll(async () => store.close());

let receiver: Receiver;
let sleeps: number[];
let errors: unknown[];
let budgetId: string;
let nextBudget = 0;
beforeEach(() => {
  sleeps = [];
  errors = [];
  nextBudget += 1;
  budgetId = `team-eng-${nextBudget}`;
});
afterEach(async () => receiver.close());

const threshold = (fields: Partial<Omit<BudgetEvent, 'id' | 'at'>> = {}): Omit<BudgetEvent, 'id' | 'at'> => ({
  budgetId,
  kind: 'threshold',
  threshold: 0.8,
  used: 80,
  limit: 100,
  periodStart: '2026-10-31T23:00:00.000Z',
  message: 'team-eng used 80% of its monthly budget',
  ...fields,
});

const sink = (options: Partial<BudgetEventSinkOptions> = {}) =>
  createBudgetEventSink({
    repository: createBudgetEventRepository(store),
    webhooks: [{ url: `${receiver.url}/hooks/json`, format: 'json' }],
    // The receiver listens on loopback: reachable only through the allow-list.
    fetch: createOutboundGuard({ allow: ['127.0.0.1'] }).fetch,
    now: () => new Date('2026-11-20T10:00:00.000Z'),
    sleep: (milliseconds) => {
      sleeps.push(milliseconds);
      return Promise.resolve();
    },
    onError: (error) => errors.push(error),
    ...options,
  });

describe('createBudgetEventSink', () => {
  it('stores the event and posts it as JSON, exactly as the API lists it', async () => {
    receiver = await startReceiver();
    const events = sink();
    events.emit(threshold());
    await events.drain();

    expect(receiver.received).toHaveLength(1);
    const [post] = receiver.received;
    expect(post?.headers['content-type']).toBe('application/json');
    const stored = await createBudgetEventRepository(store).list({ budgetId, limit: 10 });
    expect(stored).toEqual([
      { ...threshold(), id: expect.stringMatching(/^bevt_[0-9a-f]{32}$/) as unknown, at: '2026-11-20T10:00:00.000Z' },
    ]);
    expect(post?.body).toEqual(stored[0]);
    expect(errors).toEqual([]);
  });

  it('delivers an alert once, however often it is emitted and by however many replicas', async () => {
    receiver = await startReceiver();
    const [first, second] = [sink(), sink()];
    first.emit(threshold());
    second.emit(threshold({ used: 80.4 }));
    first.emit(threshold());
    await Promise.all([first.drain(), second.drain()]);
    second.emit(threshold());
    first.emit(threshold({ threshold: 1, used: 100 }));
    await Promise.all([first.drain(), second.drain()]);

    expect(receiver.received.map((post) => (post.body as BudgetEvent).threshold)).toEqual([0.8, 1]);
    expect(await createBudgetEventRepository(store).list({ budgetId, limit: 10 })).toHaveLength(2);
  });

  it('posts a Slack message with a readable summary in the budget’s own time zone, with the configured headers', async () => {
    receiver = await startReceiver();
    const events = sink({
      webhooks: [{ url: `${receiver.url}/services/T0/B0/secret`, format: 'slack', headers: { 'x-team': 'finops' } }],
      facts: (id) => (id === budgetId ? { unit: 'usd', period: 'month', timezone: 'Europe/Paris' } : undefined),
    });
    events.emit(threshold({ message: 'batch calls are now refused <until reset>' }));
    await events.drain();

    const [post] = receiver.received;
    expect(post?.path).toBe('/services/T0/B0/secret');
    expect(post?.headers['x-team']).toBe('finops');
    const summary = `Budget ${budgetId} reached 80% (USD 80.00 of 100.00) for the period starting 2026-11-01`;
    expect(post?.body).toEqual({
      text: summary,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: summary } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: 'batch calls are now refused &lt;until reset&gt;' }] },
      ],
    });
  });

  it('retries a failing receiver with growing back-off, honouring retry-after, until it answers', async () => {
    receiver = await startReceiver([
      { status: 503 },
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 502 },
    ]);
    const events = sink();
    events.emit(threshold());
    await events.drain();

    expect(receiver.received).toHaveLength(4);
    expect(sleeps).toEqual([1000, 7000, 4000]);
    expect(errors).toEqual([]);
  });

  it('gives up on a refusal at once and after the last attempt otherwise, reporting the origin but never the secret path', async () => {
    receiver = await startReceiver([{ status: 400 }, ...Array.from({ length: 4 }, () => ({ status: 500 }))]);
    const events = sink({
      webhooks: [
        { url: `${receiver.url}/services/T0/B0/secret-a`, format: 'json' },
        { url: `${receiver.url}/services/T0/B0/secret-b`, format: 'json' },
      ],
    });
    events.emit(threshold());
    await events.drain();

    expect(receiver.received).toHaveLength(5);
    expect(sleeps).toEqual([1000, 2000, 4000]);
    const messages = errors.map((error) => (error as Error).message).sort();
    expect(messages).toEqual([
      `budget alert webhook at ${receiver.url} failed after 1 attempt(s): HTTP 400`,
      `budget alert webhook at ${receiver.url} failed after 4 attempt(s): HTTP 500`,
    ]);
    expect(messages.join()).not.toContain('secret');
  });

  it('retries an unreachable receiver and reports it, without throwing', async () => {
    receiver = await startReceiver();
    const closed = receiver.url;
    await receiver.close();
    receiver = await startReceiver();
    const events = sink({ webhooks: [{ url: `${closed}/hook`, format: 'json' }], retry: { attempts: 2 } });
    expect(() => events.emit(threshold())).not.toThrow();
    await events.drain();

    expect(sleeps).toEqual([1000]);
    expect(errors).toHaveLength(1);
    expect((errors[0] as Error).message).toContain(`budget alert webhook at ${closed} failed after 2 attempt(s)`);
  });

  it('returns from emit at once: delivery goes on without the caller', async () => {
    receiver = await startReceiver();
    receiver.hold = true;
    const events = sink();
    events.emit(threshold());
    let drained = false;
    const draining = events.drain().then(() => (drained = true));

    await receiver.posted(1);
    expect(drained).toBe(false);
    receiver.release();
    await draining;
    expect(drained).toBe(true);
  });

  it('still delivers, and reports, when the store is down', async () => {
    receiver = await startReceiver();
    const events = sink({ repository: { insertOnce: () => Promise.reject(new Error('connection refused')) } });
    events.emit(threshold());
    events.emit(threshold());
    await events.drain();

    expect(receiver.received).toHaveLength(1);
    expect(errors).toEqual([new Error('connection refused')]);
  });
});
