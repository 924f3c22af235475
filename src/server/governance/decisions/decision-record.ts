import type { DecisionAnswer } from '../../../contract/index.js';

/** Who proposed a decision: a virtual key (an agent or app, optionally naming the agent) or a named human. */
export type DecisionMaker =
  | { kind: 'key'; keyId: string; teamName: string; tier: string; agent: string | undefined }
  | { kind: 'human'; name: string };

/** One decision as the audit trail records it: who asked, what, with which context, and what was decided. */
export interface DecisionRecord {
  answer: DecisionAnswer;
  tenant: string;
  maker: DecisionMaker;
  proposal: unknown;
  context: Record<string, unknown>;
  evidence: unknown[];
  model: string | undefined;
  receivedAt: string;
  decidedAt: string;
  durationMs: number;
}
