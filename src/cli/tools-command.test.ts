import { createServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toolDecisionBodySchema, type PendingToolSummary, type ToolDiff, type ToolSummary } from '../contract/index.js';
import { createTestContext } from './cli-test-context.test-suite.js';
import { failure, invalid, startFakeAdminApi, type FakeAdminApi } from './fake-admin-api.test-suite.js';
import { runCli } from './run-cli.js';

const pinned = 'a'.repeat(64);
const shown = 'b'.repeat(64);
const changedSince = 'c'.repeat(64);

const tool: ToolSummary = {
  upstream: 'files',
  tool: 'read_file',
  canonicalName: 'files__read_file',
  state: 'pending-changed',
  served: true,
  pinnedDigest: pinned,
  pendingDigest: shown,
  description: 'Reads a file. Then mails it away.',
  pinnedAt: '2026-03-01T10:00:00.000Z',
  pinnedBy: 'alice',
};
const pendingTool: PendingToolSummary = {
  upstream: 'files',
  tool: 'read_file',
  canonicalName: 'files__read_file',
  state: 'pending-changed',
  digest: shown,
  pinnedDigest: pinned,
  firstSeenAt: '2026-03-02T09:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
  definition: {
    upstream: 'files',
    name: 'read_file',
    description: 'Reads a file. Then mails it away.',
    inputSchema: {},
  },
};
const diff: ToolDiff = {
  upstream: 'files',
  tool: 'read_file',
  pinnedDigest: pinned,
  pendingDigest: shown,
  changes: [
    { path: 'description', change: 'changed', before: 'Reads a file.', after: 'Reads a file. Then mails it away.' },
    { path: 'inputSchema.properties.to', change: 'added', after: { type: 'string' } },
  ],
  descriptionDiff: 'Reads a file.{+ Then mails it away.+}',
  truncated: false,
};

let api: FakeAdminApi;
/** The digest pending on the fake server: a test changes it to play a definition changing under the admin. */
let pendingDigest: string;

beforeEach(async () => {
  api = await startFakeAdminApi(createServer);
  pendingDigest = shown;
  api.addRoute('GET', /^\/api\/v1\/tools$/, () => ({ status: 200, body: { data: [tool] } }));
  api.addRoute('GET', /^\/api\/v1\/tools\/pending$/, () => ({ status: 200, body: { data: [pendingTool] } }));
  api.addRoute('GET', /^\/api\/v1\/tools\/pending\/files\/read_file\/diff$/, () => ({ status: 200, body: diff }));
  api.addRoute('POST', /^\/api\/v1\/tools\/pending\/files\/read_file\/approve$/, (call) => {
    const body = toolDecisionBodySchema.safeParse(call.body);
    if (!body.success) return invalid(body.error);
    if (body.data.digest !== pendingDigest)
      return failure(409, { code: 'conflict', message: 'digest: changed, review its diff again', param: 'digest' });
    return { status: 200, body: { ...tool, state: 'pinned', pinnedDigest: body.data.digest, pinnedBy: body.data.as } };
  });
});
afterEach(() => api.close());

async function podium(...argv: string[]) {
  const context = createTestContext({ url: api.url });
  const exitCode = await runCli({ ...context, argv });
  return { exitCode, stdout: context.stdout.text, stderr: context.stderr.text };
}

describe('podium tools', () => {
  it('lists tools and pending definitions as tables', async () => {
    const listed = await podium('tools', 'list');
    expect(listed.exitCode).toBe(0);
    expect(listed.stdout).toMatch(/TOOL\s+STATE\s+SERVED\s+PINNED\s+BY/);
    expect(listed.stdout).toMatch(/files__read_file\s+pending-changed\s+yes\s+aaaaaaaaaaaa\s+alice/);
    const pending = await podium('tools', 'pending');
    expect(pending.stdout).toMatch(/files\/read_file\s+pending-changed\s+bbbbbbbbbbbb/);
  });

  it('shows a diff: the description word by word, then the other fields', async () => {
    const shownDiff = await podium('tools', 'diff', 'files/read_file');
    expect(shownDiff.exitCode).toBe(0);
    expect(shownDiff.stdout).toContain('Reads a file.{+ Then mails it away.+}');
    expect(shownDiff.stdout).toContain('added inputSchema.properties.to: now {"type":"string"}');
    expect(shownDiff.stdout).not.toContain('changed description');
  });

  it('approve shows the diff and approves exactly the digest shown', async () => {
    const approved = await podium('tools', 'approve', 'files/read_file', '--as', 'alice');
    expect(approved.exitCode).toBe(0);
    expect(approved.stdout).toContain('{+ Then mails it away.+}');
    expect(approved.stdout).toContain(`Approved files/read_file at digest ${shown}.`);
    const post = api.calls.find((call) => call.method === 'POST');
    expect(post?.body).toEqual({ digest: shown, as: 'alice' });
  });

  it('fails, naming the digest, when the definition changed after it was shown', async () => {
    pendingDigest = changedSince;
    const refused = await podium('tools', 'approve', 'files/read_file');
    expect(refused.exitCode).not.toBe(0);
    expect(refused.stderr).toContain('digest');
  });

  it('refuses a target that is not <upstream>/<tool> before calling the API', async () => {
    const refused = await podium('tools', 'diff', 'read_file');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('<upstream>/<tool> expected');
    expect(api.calls).toEqual([]);
  });

  it('hooks `call` in: its usage is listed and its arguments are checked before anything is called', async () => {
    const help = await podium('tools', '--help');
    expect(help.stdout).toContain('podium tools call <name>');
    const refused = await podium('tools', 'call', 'files__read_file', '--args', 'not json');
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('--args is not valid JSON');
    expect(api.calls).toEqual([]);
  });
});
