/**
 * All SQL of a subscription's webhook secret columns, the only code that reads or writes
 * them. Since migration 1764370000500 a secret is sealed (webhook-secret-vault.ts):
 * `<column>_key_id` + `<column>_sealed`. A row written before it (or by an instance still
 * running older code during a deploy) holds the secret in clear in `secret` /
 * `previous_secret`, which every write here clears. Opening and sealing them is
 * subscription-secrets.ts'; nothing here logs or throws a secret.
 */
import type { EntityManager } from 'typeorm';

/**
 * The secret columns as stored, keyed by their column names on purpose (unlike the other
 * stores' rows): a sealed secret is bound to its column (webhook-secret-vault.ts,
 * SecretColumn), and subscription-secrets.ts opens `<column>` by `<column>_key_id` and
 * `<column>_sealed`.
 */
export interface StoredSecrets {
  /** In clear: only in rows from before the secrets were sealed; NULL once sealed. */
  secret: string | null;
  secret_key_id: string | null;
  secret_sealed: Buffer | null;
  previous_secret: string | null;
  previous_secret_key_id: string | null;
  previous_secret_sealed: Buffer | null;
}

/** `secret_key_id, secret_sealed, previous_secret_key_id, previous_secret_sealed`, in that order. */
export type SealedColumns = [string, Buffer, string | null, Buffer | null];

export const STORED_SECRET_COLUMNS = 'secret, secret_key_id, secret_sealed, previous_secret, previous_secret_key_id, previous_secret_sealed';

/** Locks the row and reads its secrets as stored; undefined when there is no such row. */
export async function lockStoredSecrets(manager: EntityManager, subscriptionId: string): Promise<StoredSecrets | undefined> {
  const rows: StoredSecrets[] = await manager.query(`SELECT ${STORED_SECRET_COLUMNS} FROM subscription WHERE id = $1 FOR UPDATE`, [subscriptionId]);
  return rows[0];
}

/** Writes sealed secrets, clearing any clear copy. The caller holds the row's lock. */
export async function writeSealedSecrets(manager: EntityManager, subscriptionId: string, sealed: SealedColumns): Promise<void> {
  await manager.query(
    `UPDATE subscription SET secret = NULL, previous_secret = NULL,
       secret_key_id = $2, secret_sealed = $3, previous_secret_key_id = $4, previous_secret_sealed = $5
     WHERE id = $1`,
    [subscriptionId, ...sealed],
  );
}

/** A new current secret and the one before it as the previous, which signs for `overlapMs` more. */
export async function writeRotatedSecrets(manager: EntityManager, subscriptionId: string, sealed: SealedColumns, overlapMs: number): Promise<void> {
  await manager.query(
    `UPDATE subscription SET secret = NULL, previous_secret = NULL,
       secret_key_id = $3, secret_sealed = $4, previous_secret_key_id = $5, previous_secret_sealed = $6,
       previous_secret_expires_at = now() + ($2 || ' milliseconds')::interval
     WHERE id = $1`,
    [subscriptionId, String(overlapMs), ...sealed],
  );
}

/** Until when the previous secret still signs, by the database's clock (the one deliveries sign by); undefined once it no longer does. */
export async function previousSecretSignsUntil(manager: EntityManager, subscriptionId: string): Promise<Date | undefined> {
  const rows: { previous_secret_expires_at: Date }[] = await manager.query(
    `SELECT previous_secret_expires_at FROM subscription WHERE id = $1 AND previous_secret_expires_at > now()`,
    [subscriptionId],
  );
  return rows[0]?.previous_secret_expires_at;
}

/**
 * The next batch of rows, after `after` in id order, holding a secret in clear or under a
 * key other than `activeKeyId`; locked, skipping rows another instance holds.
 */
export async function lockSecretsToSeal(manager: EntityManager, after: string, activeKeyId: string, limit: number): Promise<(StoredSecrets & { id: string })[]> {
  return manager.query(
    `SELECT id, ${STORED_SECRET_COLUMNS} FROM subscription
           WHERE id > $1
             AND (secret IS NOT NULL OR previous_secret IS NOT NULL OR secret_key_id <> $2 OR previous_secret_key_id <> $2)
           ORDER BY id LIMIT $3
           FOR UPDATE SKIP LOCKED`,
    [after, activeKeyId, limit],
  );
}
