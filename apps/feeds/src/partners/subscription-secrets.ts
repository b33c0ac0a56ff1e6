/**
 * A subscription's webhook secrets opened and sealed (webhook-secret-vault.ts), over the
 * columns webhook-secret.store.ts reads and writes. A row still holding a secret in clear
 * keeps working, and is sealed at startup (seal-stored-secrets.usecase.ts) or when a
 * delivery reads it (reseal-subscription-secrets.usecase.ts).
 *
 * Nothing here logs, throws or returns a secret except `openSecrets`' result.
 */
import type { EntityManager } from 'typeorm';
import type { SecretColumn, WebhookSecretVault } from './webhook-secret-vault';
import { lockStoredSecrets, writeSealedSecrets, type SealedColumns, type StoredSecrets } from './webhook-secret.store';

export type { StoredSecrets } from './webhook-secret.store';

export interface OpenSecrets {
  current: string;
  previous?: string;
}

export function openSecrets(vault: WebhookSecretVault, subscriptionId: string, row: StoredSecrets): OpenSecrets {
  const current = openColumn(vault, subscriptionId, 'secret', row);
  if (current === undefined) throw new Error(`Subscription ${subscriptionId} has no webhook secret.`);
  return { current, previous: openColumn(vault, subscriptionId, 'previous_secret', row) };
}

/** True when the row holds a secret in clear or sealed under a key that is no longer the active one. */
export function needsSealing(vault: WebhookSecretVault, row: StoredSecrets): boolean {
  return (
    row.secret !== null ||
    row.previous_secret !== null ||
    (row.secret_key_id !== null && row.secret_key_id !== vault.activeKeyId) ||
    (row.previous_secret_key_id !== null && row.previous_secret_key_id !== vault.activeKeyId)
  );
}

/**
 * The values of `secret_key_id, secret_sealed, previous_secret_key_id,
 * previous_secret_sealed` (in that order) sealing these secrets under the active key.
 */
export function sealedParameters(vault: WebhookSecretVault, subscriptionId: string, secrets: OpenSecrets): SealedColumns {
  const current = vault.seal(subscriptionId, 'secret', secrets.current);
  const previous = secrets.previous === undefined ? undefined : vault.seal(subscriptionId, 'previous_secret', secrets.previous);
  return [current.keyId, current.sealed, previous?.keyId ?? null, previous?.sealed ?? null];
}

/** Writes the secrets sealed under the active key, clearing any clear copy. The caller holds the row's lock. */
export async function writeSecrets(manager: EntityManager, vault: WebhookSecretVault, subscriptionId: string, secrets: OpenSecrets): Promise<void> {
  await writeSealedSecrets(manager, subscriptionId, sealedParameters(vault, subscriptionId, secrets));
}

/** Locks the row and reads its secrets, opened. */
export async function lockAndOpenSecrets(manager: EntityManager, vault: WebhookSecretVault, subscriptionId: string): Promise<OpenSecrets> {
  const stored = await lockStoredSecrets(manager, subscriptionId);
  if (!stored) throw new Error(`Subscription ${subscriptionId} does not exist.`);
  return openSecrets(vault, subscriptionId, stored);
}

/**
 * Seals the row's secrets under the active key if it holds one in clear or under an
 * older key; returns whether it did. Runs in the caller's transaction, under the row's
 * lock, so a rotation happening meanwhile is not undone.
 */
export async function resealSecrets(manager: EntityManager, vault: WebhookSecretVault, subscriptionId: string): Promise<boolean> {
  const stored = await lockStoredSecrets(manager, subscriptionId);
  if (!stored || !needsSealing(vault, stored)) return false;
  await writeSecrets(manager, vault, subscriptionId, openSecrets(vault, subscriptionId, stored));
  return true;
}

function openColumn(vault: WebhookSecretVault, subscriptionId: string, column: SecretColumn, row: StoredSecrets): string | undefined {
  const keyId = row[`${column}_key_id`];
  const sealed = row[`${column}_sealed`];
  if (keyId !== null && sealed !== null) return vault.open(subscriptionId, column, { keyId, sealed });
  return row[column] ?? undefined;
}
