import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadServerSecret } from './load-server-secret.js';

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'podium-secret-'));
});
afterEach(() => rm(parent, { recursive: true, force: true }));

describe('loadServerSecret', () => {
  it('generates a 0600 file beside the data dir, never inside it, and derives the same keys from it after a restart', async () => {
    const dataDir = join(parent, 'data');
    const first = await loadServerSecret({ value: undefined, file: undefined, dataDir, shared: false });
    expect(first.secret.path).toBe(join(parent, 'podium-secret.key'));
    expect((await stat(join(parent, 'podium-secret.key'))).mode & 0o777).toBe(0o600);
    expect(first.notes.join('\n')).toMatch(/generated the server secret/);
    const second = await loadServerSecret({ value: undefined, file: undefined, dataDir, shared: false });
    expect(second.notes).toEqual([]);
    expect(second.secret.derive('approval-links')).toEqual(first.secret.derive('approval-links'));
    expect(first.secret.derive('approval-links')).not.toEqual(first.secret.derive('audit-checkpoint-signing'));
  });

  it('agrees on one secret when two processes start together', async () => {
    const dataDir = join(parent, 'data');
    const [a, b] = await Promise.all(
      [0, 1].map(() => loadServerSecret({ value: undefined, file: undefined, dataDir, shared: false })),
    );
    expect(a?.secret.derive('approval-links')).toEqual(b?.secret.derive('approval-links'));
  });

  it('takes PODIUM_SECRET_KEY over any file, and a configured file over the default', async () => {
    const fromEnv = await loadServerSecret({
      value: 'x'.repeat(40),
      file: join(parent, 'other.key'),
      dataDir: join(parent, 'data'),
      shared: true,
    });
    expect(fromEnv.secret.source).toBe('PODIUM_SECRET_KEY');
    const file = join(parent, 'keys', 'podium.key');
    await writeFile(join(parent, 'loose.key'), 'y'.repeat(40), { mode: 0o644 });
    const loose = await loadServerSecret({
      value: undefined,
      file: join(parent, 'loose.key'),
      dataDir: undefined,
      shared: true,
    });
    expect(loose.notes.join('\n')).toMatch(/readable by others/);
    const generated = await loadServerSecret({ value: undefined, file, dataDir: join(parent, 'data'), shared: true });
    expect(generated.secret.path).toBe(file);
    expect((await readFile(file, 'utf8')).trim()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses to start replicas on a shared database without a configured secret', async () => {
    await expect(
      loadServerSecret({ value: undefined, file: undefined, dataDir: join(parent, 'data'), shared: true }),
    ).rejects.toMatchObject({
      code: 'config_invalid',
      message: expect.stringContaining('PODIUM_SECRET_KEY') as unknown,
    });
  });

  it('uses a throwaway key for an in-memory store, and refuses a short secret file', async () => {
    const throwaway = await loadServerSecret({ value: undefined, file: undefined, dataDir: undefined, shared: false });
    expect(throwaway.secret.path).toBeUndefined();
    await writeFile(join(parent, 'short.key'), 'short', { mode: 0o600 });
    await expect(
      loadServerSecret({ value: undefined, file: join(parent, 'short.key'), dataDir: undefined, shared: false }),
    ).rejects.toMatchObject({ code: 'config_invalid' });
  });
});
