/**
 * A subscription's webhook secrets as the database holds them, and the only code that
 * reads or writes those columns. Since migration 1764370000500 a secret is sealed
 * (webhook-secret-vault.ts): `<column>_key_id` + `<column>_sealed`. A row written before
 * it (or by an instance still running older code during a deploy) holds the secret in
 * clear in `secret` / `previous_secret`; such a row keeps working, and is sealed at
 * startup (seal-stored-secrets.usecase.ts) or when a delivery reads it.
 *
 * Nothing here logs, throws or returns a secret except `openSecrets`' result.
 */
import type { EntityManager } from 'typeorm';
import type { SecretColumn, WebhookSecretVault } from './webhook-secret-vault';

export interface StoredSecrets {
  /** In clear: only in rows from before the secrets were sealed; NULL once sealed. */
  secret: string | null;
  secret_key_id: string | null;
  secret_sealed: Buffer | null;
  previous_secret: string | null;
  previous_secret_key_id: string | null;
  previous_secret_sealed: Buffer | null;
}

export const STORED_SECRET_COLUMNS = 'secret, secret_key_id, secret_sealed, previous_secret, previous_secret_key_id, previous_secret_sealed';

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
export function sealedParameters(vault: WebhookSecretVault, subscriptionId: string, secrets: OpenSecrets): [string, Buffer, string | null, Buffer | null] {
  const current = vault.seal(subscriptionId, 'secret', secrets.current);
  const previous = secrets.previous === undefined ? undefined : vault.seal(subscriptionId, 'previous_secret', secrets.previous);
  return [current.keyId, current.sealed, previous?.keyId ?? null, previous?.sealed ?? null];
}

/** Writes the secrets sealed under the active key, clearing any clear copy. The caller holds the row's lock. */
export async function writeSecrets(manager: EntityManager, vault: WebhookSecretVault, subscriptionId: string, secrets: OpenSecrets): Promise<void> {
  await manager.query(
    `UPDATE subscription SET secret = NULL, previous_secret = NULL,
       secret_key_id = $2, secret_sealed = $3, previous_secret_key_id = $4, previous_secret_sealed = $5
     WHERE id = $1`,
    [subscriptionId, ...sealedParameters(vault, subscriptionId, secrets)],
  );
}

/** Locks the row and reads its secrets, opened. */
export async function lockAndOpenSecrets(manager: EntityManager, vault: WebhookSecretVault, subscriptionId: string): Promise<OpenSecrets> {
  const rows: StoredSecrets[] = await manager.query(`SELECT ${STORED_SECRET_COLUMNS} FROM subscription WHERE id = $1 FOR UPDATE`, [subscriptionId]);
  if (!rows[0]) throw new Error(`Subscription ${subscriptionId} does not exist.`);
  return openSecrets(vault, subscriptionId, rows[0]);
}

/**
 * Seals the row's secrets under the active key if it holds one in clear or under an
 * older key; returns whether it did. Runs in the caller's transaction, under the row's
 * lock, so a rotation happening meanwhile is not undone.
 */
export async function resealSecrets(manager: EntityManager, vault: WebhookSecretVault, subscriptionId: string): Promise<boolean> {
  const rows: StoredSecrets[] = await manager.query(`SELECT ${STORED_SECRET_COLUMNS} FROM subscription WHERE id = $1 FOR UPDATE`, [subscriptionId]);
  if (!rows[0] || !needsSealing(vault, rows[0])) return false;
  await writeSecrets(manager, vault, subscriptionId, openSecrets(vault, subscriptionId, rows[0]));
  return true;
}

function openColumn(vault: WebhookSecretVault, subscriptionId: string, column: SecretColumn, row: StoredSecrets): string | undefined {
  const keyId = row[`${column}_key_id`];
  const sealed = row[`${column}_sealed`];
  if (keyId !== null && sealed !== null) return vault.open(subscriptionId, column, { keyId, sealed });
  return row[column] ?? undefined;
}
