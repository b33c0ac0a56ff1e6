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
import { writeRotatedSecrets } from './webhook-secret.store';

export { previousSecretSignsUntil } from './webhook-secret.store';

/** The new secret; the current one becomes the previous, signing for `overlapMs`. The caller has checked there is no overlap under way. */
export async function issueNewSecret(tx: EntityManager, vault: WebhookSecretVault, subscriptionId: string, overlapMs: number): Promise<string> {
  const { current } = await lockAndOpenSecrets(tx, vault, subscriptionId);
  const secret = newWebhookSecret();
  await writeRotatedSecrets(tx, subscriptionId, sealedParameters(vault, subscriptionId, { current: secret, previous: current }), overlapMs);
  return secret;
}
