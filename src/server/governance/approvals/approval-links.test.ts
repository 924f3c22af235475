import { describe, expect, it } from 'vitest';
import { approvalLinkQuerySchema } from '../../../contract/index.js';
import { createApprovalLinks } from './approval-links.js';
import { fakeClock, hour } from './approval-test-kit.test-suite.js';

const target = { id: 'appr_1', verdict: 'approve' as const, approver: 'ana' };

function issue(options: { secret?: string } = {}) {
  const clock = fakeClock();
  const links = createApprovalLinks({
    secret: options.secret ?? 'secret-one',
    publicUrl: 'https://podium.example.com/',
    ttlMs: 24 * hour,
    now: clock.now,
  });
  const url = new URL(links.url(target) ?? '');
  const query = approvalLinkQuerySchema.parse(Object.fromEntries(url.searchParams));
  return { clock, links, url, query };
}

const refusal = (param: string) => expect.objectContaining({ code: 'permission_denied', param }) as unknown;

describe('signed approval links', () => {
  it('point at the act route under the public URL and verify as issued until they expire', () => {
    const { clock, links, url, query } = issue();
    expect(`${url.origin}${url.pathname}`).toBe('https://podium.example.com/api/v1/approvals/appr_1/act');
    expect(query).toMatchObject({
      verdict: 'approve',
      approver: 'ana',
      expires: Date.parse('2026-03-03T09:00:00.000Z'),
    });
    expect(() => links.verify({ id: 'appr_1', ...query })).not.toThrow();
    clock.advance(24 * hour - 1);
    expect(() => links.verify({ id: 'appr_1', ...query })).not.toThrow();
    clock.advance(1);
    expect(() => links.verify({ id: 'appr_1', ...query })).toThrow(refusal('expires'));
  });

  it('refuse a tampered signature, another approver, verdict, approval or expiry, and another secret', () => {
    const { links, query } = issue();
    const flipped = `${query.signature[0] === 'A' ? 'B' : 'A'}${query.signature.slice(1)}`;
    expect(() => links.verify({ id: 'appr_1', ...query, signature: flipped })).toThrow(refusal('signature'));
    expect(() => links.verify({ id: 'appr_1', ...query, approver: 'bo' })).toThrow(refusal('signature'));
    expect(() => links.verify({ id: 'appr_1', ...query, verdict: 'deny' })).toThrow(refusal('signature'));
    expect(() => links.verify({ id: 'appr_2', ...query })).toThrow(refusal('signature'));
    expect(() => links.verify({ id: 'appr_1', ...query, expires: query.expires + 1 })).toThrow(refusal('signature'));
    const other = issue({ secret: 'secret-two' });
    expect(() => other.links.verify({ id: 'appr_1', ...query })).toThrow(refusal('signature'));
  });

  it('are not built without a public URL', () => {
    const links = createApprovalLinks({ secret: 's', ttlMs: hour, now: () => new Date() });
    expect(links.url(target)).toBeUndefined();
  });
});
