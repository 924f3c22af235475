import { z } from 'zod';
import { auditKinds, canonicalJson, PodiumError, type AuditKind } from '../../../contract/index.js';

/** NUL and unpaired surrogates: PostgreSQL refuses them in text and jsonb, and one would fail a whole batch. */
const unpairedSurrogate = /\p{Cs}/u;
const unstorable = { test: (value: string): boolean => value.includes('\u0000') || unpairedSurrogate.test(value) };

const text = (options: { min?: number; max: number }) =>
  z
    .string()
    .min(options.min ?? 0)
    .max(options.max)
    .refine((value) => !unstorable.test(value), 'must not contain NUL or unpaired surrogates');

/** What a module records: who did what to which subject, and the facts (policies, model, evidence, timings…). */
export const auditEntryInputSchema = z.strictObject({
  /** The organisation whose chain this entry joins. */
  tenant: text({ min: 1, max: 200 }),
  kind: z.enum(auditKinds),
  /** Who asked or decided: a key id, a user, `system`. */
  actor: text({ max: 500 }),
  /** What it is about: a request id, a budget id, a policy name. */
  subject: text({ max: 1000 }),
  payload: z.json(),
});
/** An entry as a module hands it over; `payload` is checked to be JSON at runtime, so any value type-checks. */
export interface AuditEntryInput {
  tenant: string;
  kind: AuditKind;
  actor: string;
  subject: string;
  payload: unknown;
}

/** A validated input, ready to seal. */
export type ParsedAuditInput = z.output<typeof auditEntryInputSchema>;

/** Largest canonical payload accepted: an audit entry carries references to large context, not the context. */
export const maxAuditPayloadBytes = 256 * 1024;

/**
 * Validates an entry at the boundary of the audit log, so the batch it joins cannot fail on it later.
 * @throws PodiumError `invalid_request` naming the field at fault.
 */
export function parseAuditInput(input: unknown): ParsedAuditInput {
  const result = auditEntryInputSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0];
    const param = issue?.path.map(String).join('.') ?? '';
    throw new PodiumError('invalid_request', `audit entry ${param || 'input'}: ${issue?.message ?? 'invalid'}`, {
      param: param || undefined,
    });
  }
  const { payload } = result.data;
  const unstorableAt = findUnstorable(payload, 'payload');
  if (unstorableAt !== undefined) {
    throw new PodiumError(
      'invalid_request',
      `audit entry ${unstorableAt}: must not contain NUL or unpaired surrogates`,
      { param: unstorableAt },
    );
  }
  const size = Buffer.byteLength(canonicalJson(payload));
  if (size > maxAuditPayloadBytes) {
    throw new PodiumError(
      'invalid_request',
      `audit entry payload: ${size} bytes, more than ${maxAuditPayloadBytes}: record references, not content`,
      { param: 'payload' },
    );
  }
  return result.data;
}

/** The path of the first string or key PostgreSQL could not store, if any. */
function findUnstorable(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return unstorable.test(value) ? path : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  for (const [key, member] of Object.entries(value)) {
    if (unstorable.test(key)) return path;
    const found = findUnstorable(member, `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
}
