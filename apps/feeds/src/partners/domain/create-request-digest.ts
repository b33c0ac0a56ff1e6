/**
 * What tells a retried create (same idempotency key, same request) from another request
 * that reuses the key: a digest of the request as the service normalised it, so a retry
 * that lists event types or countries in another order, or says THIN where the first
 * left the mode out, is still the same request. A plain hash: nothing in a subscription
 * request is personal or secret (its webhook URL is stored in clear beside it).
 */
import { createHash } from 'node:crypto';
import type { WebhookPayloadMode } from './payload-mode';

export interface NormalisedCreateRequest {
  /** Sorted, without duplicates. */
  eventTypes: string[];
  /** As asked for (sorted, without duplicates), before the partner's own fill in for none. */
  countries: string[];
  webhookUrl: string | null;
  payloadMode: WebhookPayloadMode;
}

export function createRequestDigest(request: NormalisedCreateRequest): string {
  const fields = JSON.stringify([request.eventTypes, request.countries, request.webhookUrl, request.payloadMode]);
  return `sha256:${createHash('sha256').update(fields).digest('base64url')}`;
}
