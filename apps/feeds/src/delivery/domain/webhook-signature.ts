/**
 * Standard Webhooks signing: HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`,
 * keyed by the bytes after `whsec_`, sent as `v1,<base64>`; several signatures (one per
 * live secret, during a rotation) are separated by spaces. Receivers verify with any
 * Standard Webhooks library, unchanged.
 */
import { createHmac } from 'node:crypto';
import { secretKey } from '../../partners/domain/webhook-secret';

export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const digest = createHmac('sha256', secretKey(secret)).update(`${id}.${timestampSeconds}.${body}`).digest('base64');
  return `v1,${digest}`;
}

export function webhookHeaders(input: { id: string; timestampSeconds: number; body: string; secrets: readonly string[] }): Record<string, string> {
  return {
    'content-type': 'application/json',
    'webhook-id': input.id,
    'webhook-timestamp': String(input.timestampSeconds),
    'webhook-signature': input.secrets.map((secret) => signatureOf(secret, input.id, input.timestampSeconds, input.body)).join(' '),
  };
}

/**
 * The body: `{type, timestamp, data}`, with data in the subscription's payload mode
 * (webhook-payload.ts: the recorded bytes for FULL, a deterministic projection for THIN),
 * so every attempt of one delivery sends the same body.
 */
export function webhookBody(type: string, occurredAt: Date, data: string): string {
  return `{"type":${JSON.stringify(type)},"timestamp":${JSON.stringify(occurredAt.toISOString())},"data":${data}}`;
}
