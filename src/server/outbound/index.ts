export { blockedAddressClass } from './address-class.js';
export { parseOutboundAllowList } from './outbound-allow-list.js';
export type { OutboundAllowList } from './outbound-allow-list.js';
export { createOutboundGuard } from './outbound-guard.js';
export { defaultWebhookRetry, postWebhook } from './post-webhook.js';
export type { PostWebhookOptions, WebhookRetry } from './post-webhook.js';
export type { OutboundGuard, OutboundGuardOptions, ResolvedAddress } from './outbound-guard.js';
