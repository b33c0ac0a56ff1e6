/**
 * The webhook secret in the feeds service's reply, opened. The service sends it sealed
 * (its reply topic is written to the broker's disk and kept for days): a WebhookSecret
 * sealed to the gateway's public key (HPKE), bound to the operation and the subscription,
 * as apps/feeds/src/partners/sealed-secret-reply.ts seals it. A secret that does not open
 * is the service's or the deployment's fault (CPX_GATEWAY_SEALING_KEYS there does not
 * match GATEWAY_OPENING_KEYS here), never the caller's.
 */
import { FeedsRequests, WebhookSecretSchema } from '@cpx/contracts';
import { DomainError, webhookSecretContext, type PayloadOpener } from '@cpx/platform';

/** The two operations that hand out a secret. */
export type SecretOperation = typeof FeedsRequests.createSubscription | typeof FeedsRequests.rotateSubscriptionSecret;


export interface SecretReply {
  sealedSecret: Uint8Array;
  /** Deprecated, in clear: sent only by a feeds service older than sealed_secret. */
  secret: string;
}

export async function openWebhookSecret(opener: PayloadOpener, operation: SecretOperation, subscriptionId: string, reply: SecretReply): Promise<string> {
  // While a deploy rolls out, an instance of the feeds service from before sealed_secret
  // may still answer (deploy the gateway first); drop this once none can.
  if (reply.sealedSecret.length === 0 && reply.secret) return whsec(reply.secret);
  let secret: string;
  try {
    secret = (await opener.open(WebhookSecretSchema, reply.sealedSecret, webhookSecretContext(operation, subscriptionId), 'secret')).secret;
  } catch {
    throw contractBroken('its webhook secret could not be opened (does CPX_GATEWAY_SEALING_KEYS of the feeds service match GATEWAY_OPENING_KEYS of the gateway?)');
  }
  return whsec(secret);
}

function whsec(secret: string): string {
  if (!secret.startsWith('whsec_')) throw contractBroken('its webhook secret is not a whsec_ secret');
  return secret;
}

function contractBroken(detail: string): DomainError {
  return new DomainError('INTERNAL', `A reply from the feeds service broke its contract: ${detail}.`);
}
