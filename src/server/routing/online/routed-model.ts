import type { CascadeVerifyConfig, ShadowConfig } from '../../config/index.js';
import type { RoutingPolicy } from './routing-policy.js';

/** A routed alias, ready for the request path. */
export interface RoutedModel {
  alias: string;
  policy: 'learned' | 'cascade' | 'rules';
  /** Learned and rules policies decide up front; a cascade decides by trying. */
  decide: RoutingPolicy | undefined;
  /** Candidate aliases, cheapest first. */
  candidates: readonly string[];
  reference: string;
  verify: CascadeVerifyConfig | undefined;
  shadow: ShadowConfig | undefined;
}
