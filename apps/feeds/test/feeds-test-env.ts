/**
 * What every feeds int spec runs with, besides its own settings: partners' endpoints are
 * receivers on 127.0.0.1, which the SSRF guard refuses unless private endpoints are
 * allowed; and the payload key the service seals each new webhook secret with in its
 * reply (src/partners/sealed-secret-reply.ts), which the specs open as the gateway does.
 */
import { randomBytes } from 'node:crypto';
import { WebhookSecretSchema } from '@cpx/contracts';
import { SealedPayloads, webhookSecretContext } from '@cpx/platform';
import type { SecretOperation } from '../src/partners/sealed-secret-reply';

const PAYLOAD_KEY = randomBytes(32).toString('base64');
const payloads = new SealedPayloads(PAYLOAD_KEY);

export const FEEDS_TEST_ENV = { CPX_PAYLOAD_KEY: PAYLOAD_KEY, FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'true' };

/** The secret of a create or rotate reply, opened; fails the spec if the reply carries it in clear. */
export function secretOf(operation: SecretOperation, reply: { subscription?: { id: string }; secret: string; sealedSecret: Uint8Array }): string {
  if (reply.secret !== '') throw new Error('The reply carries the webhook secret in clear.');
  return payloads.open(WebhookSecretSchema, reply.sealedSecret, webhookSecretContext(operation, reply.subscription!.id), 'secret').secret;
}
