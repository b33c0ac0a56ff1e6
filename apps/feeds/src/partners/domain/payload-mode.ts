/**
 * A subscription's webhook payload mode: what a webhook's `data` carries (THIN or FULL,
 * delivery/domain/webhook-payload.ts). Chosen with the subscription (partners/) and read by
 * delivery and the feed, so it lives here, at the bottom, where every feature may read it.
 */
export const WEBHOOK_PAYLOAD_MODES = ['THIN', 'FULL'] as const;
export type WebhookPayloadMode = (typeof WEBHOOK_PAYLOAD_MODES)[number];
