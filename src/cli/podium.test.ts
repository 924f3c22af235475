/** The executable itself: process wiring (argv, env, stdio, exit code, signals), run through tsx. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requestRecord, startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';

const entry = fileURLToPath(new URL('./podium.ts', import.meta.url));

function podium(
  argv: string[],
  options: {
    env?: NodeJS.ProcessEnv;
    onStdout?: (text: string, child: { kill(signal: NodeJS.Signals): unknown }) => void;
  } = {},
) {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...argv], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    options.onStdout?.(stdout, child);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise<{ exitCode: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr })),
  );
}

let api: FakeAdminApi;
beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
});
afterEach(() => api.close());

describe('the podium executable', () => {
  it('exits with the command exit code and writes to the right stream', async () => {
    expect(await podium(['--version'])).toMatchObject({
      exitCode: 0,
      stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) as unknown,
    });
    expect(await podium(['nope'])).toMatchObject({
      exitCode: 2,
      stdout: '',
      stderr: expect.stringMatching(/^error: unknown command "nope"/) as unknown,
    });
    expect(await podium(['teams', 'list'], { env: { PODIUM_URL: api.url, PODIUM_ADMIN_KEY: 'wrong' } })).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: 'error: invalid admin key (invalid_api_key)\n',
    });
  });

  it('stops `requests tail` on SIGINT with exit code 0', async () => {
    api.records.push(requestRecord({ id: 'req_1', at: '2025-06-01T12:00:00.000Z' }));

    const result = await podium(['requests', 'tail', '--json', '--interval', '100'], {
      env: { PODIUM_URL: api.url, PODIUM_ADMIN_KEY: api.adminKey },
      onStdout: (text, child) => {
        if (text.includes('req_1')) child.kill('SIGINT');
      },
    });

    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
  });
});
