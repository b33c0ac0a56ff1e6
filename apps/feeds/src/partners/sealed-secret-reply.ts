/**
 * A new webhook secret on its way back to the gateway. Replies travel on a Kafka topic
 * that the broker writes to disk and keeps for days, so the secret goes sealed to the
 * gateway's public key (HPKE, CPX_GATEWAY_SEALING_KEYS: only the gateway holds the private
 * key), bound to the operation and the subscription: a copy on the broker is
 * unreadable, and cannot be passed off as the secret of another subscription or of
 * another create or rotation. The gateway opens it and shows it to the partner's admin,
 * once (apps/gateway/src/feeds/webhook-secret-reply.ts, which binds it the same way).
 */
import { FeedsRequests, WebhookSecretSchema } from '@cpx/contracts';
import { webhookSecretContext, type PayloadSealer } from '@cpx/platform';

/** The two operations that hand out a secret. */
export type SecretOperation = typeof FeedsRequests.createSubscription | typeof FeedsRequests.rotateSubscriptionSecret;


export function sealSecretForReply(sealerToGateway: PayloadSealer, operation: SecretOperation, subscriptionId: string, secret: string): Promise<Uint8Array> {
  return sealerToGateway.seal(WebhookSecretSchema, { secret }, webhookSecretContext(operation, subscriptionId));
}
