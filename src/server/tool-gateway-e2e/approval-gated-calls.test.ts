/**
 * Approval-gated tool calls end to end: `@approval("alice")` on a Cedar permit makes a call wait for a
 * human deciding through the admin API; the approval covers those exact arguments and expires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { TestPodium } from '../testkit/index.js';
import {
  connectMcp,
  podiumErrorOf,
  retailDataPresent,
  startRetailPodium,
  textOf,
  waitFor,
} from './retail-podium.test-suite.js';

// calculate needs alice; every other retail tool is allowed outright (one permit decides each call).
const cedar = [
  '@id("retail-permit") permit (principal, action == Podium::Action::"tool.call", resource) when { context.upstream == "retail" } unless { resource == Podium::Tool::"retail/calculate" };',
  '@id("calculate-needs-alice") @approval("alice") permit (principal, action == Podium::Action::"tool.call", resource == Podium::Tool::"retail/calculate");',
].join('\n');

const approvalMetaSchema = z.object({
  _meta: z.object({
    'podium/approval': z.object({ status: z.literal('pending'), approvalId: z.string(), expiresAt: z.string() }),
  }),
});
const approvalPageSchema = z.object({ data: z.array(z.object({ id: z.string(), proposal: z.unknown() })) });
const approvalStateSchema = z.object({ id: z.string(), state: z.string() });

let podium: TestPodium;
const approvalTimeoutMs = 2500;

beforeAll(async () => {
  if (!retailDataPresent) return;
  podium = await startRetailPodium({
    cedar,
    toolsYaml: `  approvalTimeoutMs: ${String(approvalTimeoutMs)}\n`,
  });
}, 60_000);
afterAll(async () => podium?.close());

async function callCalculate(expression: string) {
  const client = await connectMcp(podium, 'legacy');
  try {
    return await client.callTool({ name: 'retail__calculate', arguments: { expression } });
  } finally {
    await client.close();
  }
}

describe.skipIf(!retailDataPresent)('an approval-gated tool (2025 era, no task)', () => {
  it('does not run until alice approves through the admin API, then runs once made again', async () => {
    const pending = approvalMetaSchema.parse(await callCalculate('6 * 7'));
    const approvalId = pending._meta['podium/approval'].approvalId;
    const stored = approvalStateSchema.parse((await podium.admin('GET', `/api/v1/approvals/${approvalId}`)).json);
    expect(stored.state).toBe('pending');
    const approved = await podium.admin('POST', `/api/v1/approvals/${approvalId}/approve`, { approver: 'alice' });
    expect(approved.status).toBe(200);
    const result = await callCalculate('6 * 7');
    expect(result.isError ?? false).toBe(false);
    expect(textOf(result)).toContain('42');
  });

  it('asks again when an argument changes: the approval covered the exact arguments only', async () => {
    const first = approvalMetaSchema.parse(await callCalculate('1 + 1'));
    await podium.admin('POST', `/api/v1/approvals/${first._meta['podium/approval'].approvalId}/approve`, {
      approver: 'alice',
    });
    const changed = approvalMetaSchema.parse(await callCalculate('1 + 2'));
    expect(changed._meta['podium/approval'].approvalId).not.toBe(first._meta['podium/approval'].approvalId);
  });

  it('fails once the approval times out undecided', async () => {
    const pending = approvalMetaSchema.parse(await callCalculate('9 - 4'));
    const approvalId = pending._meta['podium/approval'].approvalId;
    await new Promise((resolve) => setTimeout(resolve, approvalTimeoutMs + 500));
    // Made again after the deadline, the call is refused as expired: it never runs late.
    const afterTimeout = await callCalculate('9 - 4');
    expect(podiumErrorOf(afterTimeout)).toMatchObject({ code: 'approval_expired', status: 403 });
    expect(textOf(afterTimeout)).toContain(approvalId);
    // Made once more, it asks for a new approval instead of reviving the expired one.
    const again = approvalMetaSchema.parse(await callCalculate('9 - 4'));
    expect(again._meta['podium/approval'].approvalId).not.toBe(approvalId);
  }, 30_000);
});

describe.skipIf(!retailDataPresent)('an approval-gated tool (2026 era, input_required round trips)', () => {
  it('completes in one client call once alice approves through the admin API', async () => {
    const client = await connectMcp(podium, 'modern');
    try {
      const result = client.callTool({ name: 'retail__calculate', arguments: { expression: '100 / 4' } });
      // The official client keeps retrying with the requestState while the approval is pending.
      const approval = await waitFor(async () => {
        const page = approvalPageSchema.parse((await podium.admin('GET', '/api/v1/approvals?state=pending')).json);
        return page.data.find((entry) => JSON.stringify(entry.proposal).includes('100 / 4'));
      });
      const approved = await podium.admin('POST', `/api/v1/approvals/${approval.id}/approve`, { approver: 'alice' });
      expect(approved.status).toBe(200);
      const answer = await result;
      expect(answer.isError ?? false).toBe(false);
      expect(textOf(answer)).toContain('25');
    } finally {
      await client.close();
    }
  }, 30_000);
});
