export { blockedAddressClass } from './address-class.js';
export { parseOutboundAllowList } from './outbound-allow-list.js';
export type { OutboundAllowList } from './outbound-allow-list.js';
export { createOutboundGuard } from './outbound-guard.js';
export type { OutboundGuard, OutboundGuardOptions, ResolvedAddress } from './outbound-guard.js';
