/**
 * Signed approve / deny links: the credential of a person who has no admin key. One link per approval, verdict
 * and approver, valid until its expiry; the signature is HMAC-SHA256 under a key derived from the server secret,
 * which lives outside the database: reading the database is not enough to forge a link.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { PodiumError, type ApprovalLinkQuery, type ApprovalVerdict } from '../../../contract/index.js';

export interface ApprovalLinkTarget {
  id: string;
  verdict: ApprovalVerdict;
  approver: string;
}

export interface ApprovalLinks {
  /** The signed link, or undefined when no public URL is configured (notifications then name the CLI). */
  url(target: ApprovalLinkTarget): string | undefined;
  /**
   * Checks a link's signature (in constant time), then its expiry.
   * @throws PodiumError `permission_denied` (param `signature` or `expires`).
   */
  verify(link: ApprovalLinkQuery & { id: string }): void;
}

export interface ApprovalLinksOptions {
  /** The HMAC key: derived from the server secret (`approval-links`), never stored in the database. */
  secret: string | Buffer;
  /** Podium as people reach it (`https://podium.example.com`); links are built under it. */
  publicUrl?: string | undefined;
  ttlMs: number;
  now: () => Date;
}

/** The signed links of one server (every replica derives the same key from the shared server secret). */
export function createApprovalLinks(options: ApprovalLinksOptions): ApprovalLinks {
  // A JSON array, not a joined string: no value can contain a separator that shifts the fields.
  const sign = (target: ApprovalLinkTarget & { expires: number }): string =>
    createHmac('sha256', options.secret)
      .update(JSON.stringify([target.id, target.verdict, target.approver, target.expires]))
      .digest('base64url');
  const base = options.publicUrl?.replace(/\/+$/, '');

  return {
    url(target) {
      if (base === undefined) return undefined;
      const expires = options.now().getTime() + options.ttlMs;
      const query = new URLSearchParams({
        verdict: target.verdict,
        approver: target.approver,
        expires: String(expires),
        signature: sign({ ...target, expires }),
      });
      return `${base}/api/v1/approvals/${encodeURIComponent(target.id)}/act?${query.toString()}`;
    },

    verify(link) {
      const expected = Buffer.from(sign(link));
      const presented = Buffer.from(link.signature);
      if (expected.length !== presented.length || !timingSafeEqual(expected, presented)) {
        throw new PodiumError(
          'permission_denied',
          'this approval link is not valid (altered or not issued by this Podium)',
          { param: 'signature' },
        );
      }
      if (link.expires <= options.now().getTime()) {
        throw new PodiumError(
          'permission_denied',
          `this approval link expired at ${new Date(link.expires).toISOString()}`,
          { param: 'expires' },
        );
      }
    },
  };
}
