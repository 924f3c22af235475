import type { PriorityTier } from '../../contract/index.js';

/** Who is calling the gateway: resolved from a virtual key once per request. */
export interface Caller {
  keyId: string;
  keyPrefix: string;
  orgId: string;
  teamId: string;
  teamName: string;
  projectId: string | null;
  projectName: string | null;
  /** Model aliases this key may call; null means all. */
  allowedModels: ReadonlySet<string> | null;
  tier: PriorityTier;
}
