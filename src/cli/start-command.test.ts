import { describe, expect, it } from 'vitest';
import { PodiumError } from '../contract/index.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { runCli } from './run-cli.js';
import type { ServerMain } from './start-command.js';

type StartOptions = Parameters<ServerMain['startPodium']>[0];

function fakeServer(options: { fail?: Error } = {}) {
  const events: string[] = [];
  let received: StartOptions;
  const server: ServerMain = {
    startPodium(startOptions) {
      received = startOptions;
      startOptions?.log?.('store: embedded database in .podium');
      if (options.fail) return Promise.reject(options.fail);
      events.push('started');
      return Promise.resolve({
        url: 'http://127.0.0.1:4141',
        close: () => {
          events.push('closed');
          return Promise.resolve();
        },
      });
    },
  };
  return { events, received: () => received, loadServer: () => Promise.resolve(server) };
}

describe('podium start', () => {
  it('starts the server with the environment, prints its URL, and closes it on SIGINT/SIGTERM before exiting 0', async () => {
    const server = fakeServer();
    const context = createTestContext({ env: { PODIUM_PORT: '5000' } });

    const running = runCli({ ...context, argv: ['start'], loadServer: server.loadServer });
    await waitFor(() => context.stdout.text.includes('listening'));
    expect(server.events).toEqual(['started']);
    context.abort();

    expect(await running).toBe(0);
    expect(server.events).toEqual(['started', 'closed']);
    expect(server.received()).toMatchObject({ env: context.env, cwd: context.cwd });
    expect(context.stdout.text).toBe(
      'store: embedded database in .podium\nPodium is listening on http://127.0.0.1:4141\nShutting down…\n',
    );
  });

  it('closes right away when interrupted while starting', async () => {
    const server = fakeServer();
    const context = createTestContext();
    context.abort();

    expect(await runCli({ ...context, argv: ['start'], loadServer: server.loadServer })).toBe(0);
    expect(server.events).toEqual(['started', 'closed']);
  });

  it('reports a failed start, such as an invalid configuration, with exit 1', async () => {
    const server = fakeServer({
      fail: new PodiumError('config_invalid', 'invalid configuration:\n  - env PODIUM_PORT: expected number'),
    });
    const context = createTestContext();

    expect(await runCli({ ...context, argv: ['start'], loadServer: server.loadServer })).toBe(1);
    expect(context.stderr.text).toBe('error: invalid configuration:\n  - env PODIUM_PORT: expected number\n');
  });

  it('takes no arguments', async () => {
    const context = createTestContext();

    expect(await runCli({ ...context, argv: ['start', '--port', '1'], loadServer: fakeServer().loadServer })).toBe(2);
    expect(context.stderr.text).toMatch(/^error: Unknown option '--port'.*\n\nUsage:\n {2}podium start\n/s);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}
