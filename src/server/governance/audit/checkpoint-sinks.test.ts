import { generateKeyPairSync } from 'node:crypto';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCheckpointFileSink } from './checkpoint-file-sink.js';
import { createCheckpointSigner } from './checkpoint-signer.js';
import { createCheckpointWebhookSink } from './checkpoint-webhook-sink.js';
import { readCheckpointFile } from './read-checkpoint-file.js';

const signer = createCheckpointSigner(generateKeyPairSync('ed25519').privateKey);
const checkpoint = (seq: number) =>
  signer.sign({ tenant: 'org_a', seq, hash: 'a'.repeat(64) }, '2026-11-12T09:30:00.000Z');

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'podium-checkpoints-'));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

describe('checkpoint file', () => {
  it('appends one JSON line per checkpoint (creating the directory), reopens in append mode, and reads them back', async () => {
    const path = join(directory, 'nested', 'checkpoints.jsonl');
    const sink = createCheckpointFileSink({ path });
    await sink.write(checkpoint(1));
    await sink.write(checkpoint(2));
    await sink.close?.();
    const again = createCheckpointFileSink({ path });
    await again.write(checkpoint(3));
    await again.close?.();

    expect((await readFile(path, 'utf8')).split('\n')).toEqual([
      ...[1, 2, 3].map((seq) => JSON.stringify(checkpoint(seq))),
      '',
    ]);
    expect(await readCheckpointFile(path)).toEqual({ checkpoints: [1, 2, 3].map(checkpoint), unreadable: [] });
  });

  it('reports lines that are not checkpoints instead of skipping them silently', async () => {
    const path = join(directory, 'checkpoints.jsonl');
    await appendFile(
      path,
      `${JSON.stringify(checkpoint(1))}\n\n{not json\n${JSON.stringify({ ...checkpoint(2), hash: 'short' })}\n`,
    );
    const read = await readCheckpointFile(path);
    expect(read.checkpoints).toEqual([checkpoint(1)]);
    expect(read.unreadable).toEqual([
      'line 3: not a checkpoint (Invalid input: expected object, received undefined)',
      expect.stringMatching(/^line 4: not a checkpoint \(must be 64/),
    ]);
  });
});

describe('checkpoint webhook', () => {
  it('posts the checkpoint itself with the configured headers, retrying a 5xx', async () => {
    const posts: { url: string; body: unknown; headers: Record<string, string> }[] = [];
    const answers = [503, 200];
    const fetch: typeof globalThis.fetch = (url, init) => {
      posts.push({
        url: url as string,
        body: JSON.parse(init?.body as string) as unknown,
        headers: init?.headers as Record<string, string>,
      });
      return Promise.resolve(new Response(null, { status: answers.shift() ?? 200 }));
    };
    const sink = createCheckpointWebhookSink({
      url: 'https://siem.example/hook/secret-token',
      headers: { authorization: 'Bearer t' },
      fetch,
      sleep: () => Promise.resolve(),
    });
    expect(sink.name).toBe('webhook https://siem.example');
    await sink.write(checkpoint(7));
    expect(posts).toHaveLength(2);
    expect(posts[1]).toEqual({
      url: 'https://siem.example/hook/secret-token',
      body: checkpoint(7),
      headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
    });
  });

  it('fails with the origin only, never the secret path', async () => {
    const fetch: typeof globalThis.fetch = () => Promise.resolve(new Response(null, { status: 400 }));
    const sink = createCheckpointWebhookSink({
      url: 'https://siem.example/hook/secret-token',
      fetch,
      sleep: () => Promise.resolve(),
    });
    await expect(sink.write(checkpoint(1))).rejects.toThrow(
      'audit checkpoint webhook at https://siem.example failed after 1 attempt(s): HTTP 400',
    );
  });
});
