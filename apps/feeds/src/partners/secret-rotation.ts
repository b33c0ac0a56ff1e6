/**
 * Issuing a subscription a new webhook secret, returned once: by a rotation, and by a
 * retried create (create-subscription.usecase.ts), which cannot show the first secret
 * again. The previous one keeps signing beside it (two signatures in webhook-signature)
 * for the overlap, so a partner can deploy the new secret without losing a delivery.
 * Both are stored sealed; the current one is opened and sealed again for its new column
 * (a ciphertext is bound to its column).
 *
 * One new secret at a time: during an overlap another is refused (the callers say so with
 * CONFLICT). There is room for two secrets only, so it would drop the previous one at
 * once, while the partner was promised it signs until the overlap ends.
 */
import type { EntityManager } from 'typeorm';
import { newWebhookSecret } from './domain/webhook-secret';
import { lockAndOpenSecrets, sealedParameters } from './subscription-secrets';
import type { WebhookSecretVault } from './webhook-secret-vault';

/** Until when the previous secret still signs, by the database's clock (the one deliveries sign by); undefined once it no longer does. */
export async function previousSecretSignsUntil(tx: EntityManager, subscriptionId: string): Promise<Date | undefined> {
  const rows: { previous_secret_expires_at: Date }[] = await tx.query(
    `SELECT previous_secret_expires_at FROM subscription WHERE id = $1 AND previous_secret_expires_at > now()`,
    [subscriptionId],
  );
  return rows[0]?.previous_secret_expires_at;
}

/** The new secret; the current one becomes the previous, signing for `overlapMs`. The caller has checked there is no overlap under way. */
export async function issueNewSecret(tx: EntityManager, vault: WebhookSecretVault, subscriptionId: string, overlapMs: number): Promise<string> {
  const { current } = await lockAndOpenSecrets(tx, vault, subscriptionId);
  const secret = newWebhookSecret();
  await tx.query(
    `UPDATE subscription SET secret = NULL, previous_secret = NULL,
       secret_key_id = $3, secret_sealed = $4, previous_secret_key_id = $5, previous_secret_sealed = $6,
       previous_secret_expires_at = now() + ($2 || ' milliseconds')::interval
     WHERE id = $1`,
    [subscriptionId, String(overlapMs), ...sealedParameters(vault, subscriptionId, { current: secret, previous: current })],
  );
  return secret;
}
