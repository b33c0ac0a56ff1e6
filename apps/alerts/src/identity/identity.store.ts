/**
 * The SQL of a child's identity: the sealed record (child_identity, only ciphertext, in a
 * table of its own so that no query on alerts can select it by accident) and the current
 * state of the attachés' grants (identity_grant; their history is the audit log's).
 */
import type { EntityManager } from 'typeorm';
import type { SealedIdentity } from './identity-vault';

/** The originating agency let this attaché read the identity on this alert. */
export interface IdentityGrantRow {
  alertId: string;
  granteeSubject: string;
  grantedBySubject: string;
  reason: string;
  grantedAt: Date;
  /** Set once the originating agency took the grant back; null while it holds. */
  revokedAt: Date | null;
  revokedBySubject: string | null;
}

export async function sealedIdentityOf(manager: EntityManager, alertId: string): Promise<SealedIdentity | undefined> {
  const rows: { key_id: string; wrapped_key: Buffer; ciphertext: Buffer }[] = await manager.query(
    `SELECT key_id, wrapped_key, ciphertext FROM child_identity WHERE alert_id = $1 LIMIT 1`,
    [alertId],
  );
  return rows[0] && { keyId: rows[0].key_id, wrappedKey: rows[0].wrapped_key, ciphertext: rows[0].ciphertext };
}

/** At the end of retention. */
export async function deleteSealedIdentity(manager: EntityManager, alertId: string): Promise<void> {
  await manager.query(`DELETE FROM child_identity WHERE alert_id = $1`, [alertId]);
}

/**
 * Records sealed under another master key than the active one, claimed (FOR UPDATE SKIP
 * LOCKED) a batch at a time, so that instances re-wrap different ones.
 */
export async function claimIdentitiesNotUnder(manager: EntityManager, activeKeyId: string, limit: number): Promise<(SealedIdentity & { alertId: string })[]> {
  const rows: { alert_id: string; key_id: string; wrapped_key: Buffer; ciphertext: Buffer }[] = await manager.query(
    `SELECT alert_id, key_id, wrapped_key, ciphertext FROM child_identity WHERE key_id <> $1
      LIMIT ${Number(limit)} FOR UPDATE SKIP LOCKED`,
    [activeKeyId],
  );
  return rows.map((row) => ({ alertId: row.alert_id, keyId: row.key_id, wrappedKey: row.wrapped_key, ciphertext: row.ciphertext }));
}

export async function updateWrappedKey(manager: EntityManager, alertId: string, sealed: Pick<SealedIdentity, 'keyId' | 'wrappedKey'>): Promise<void> {
  await manager.query(`UPDATE child_identity SET key_id = $2, wrapped_key = $3 WHERE alert_id = $1`, [alertId, sealed.keyId, sealed.wrappedKey]);
}

/**
 * Whether the attaché holds a grant not revoked. FOR SHARE: a revocation under way
 * commits first and is seen (the grant is then not counted), or waits for this read to
 * commit.
 */
export async function holdsGrant(manager: EntityManager, alertId: string, granteeSubject: string): Promise<boolean> {
  const rows: unknown[] = await manager.query(
    `SELECT 1 FROM identity_grant WHERE alert_id = $1 AND grantee_subject = $2 AND revoked_at IS NULL LIMIT 1 FOR SHARE`,
    [alertId, granteeSubject],
  );
  return rows.length > 0;
}

/** The grant, locked (FOR UPDATE) until the transaction ends; undefined if never granted. */
export async function lockGrant(manager: EntityManager, alertId: string, granteeSubject: string): Promise<IdentityGrantRow | undefined> {
  const rows: {
    alert_id: string;
    grantee_subject: string;
    granted_by_subject: string;
    reason: string;
    granted_at: Date;
    revoked_at: Date | null;
    revoked_by_subject: string | null;
  }[] = await manager.query(
    `SELECT alert_id, grantee_subject, granted_by_subject, reason, granted_at, revoked_at, revoked_by_subject
       FROM identity_grant WHERE alert_id = $1 AND grantee_subject = $2 LIMIT 1 FOR UPDATE`,
    [alertId, granteeSubject],
  );
  const row = rows[0];
  return (
    row && {
      alertId: row.alert_id,
      granteeSubject: row.grantee_subject,
      grantedBySubject: row.granted_by_subject,
      reason: row.reason,
      grantedAt: row.granted_at,
      revokedAt: row.revoked_at,
      revokedBySubject: row.revoked_by_subject,
    }
  );
}

/** The grant as given now; granting again what was revoked replaces the revoked state. */
export async function upsertGrant(manager: EntityManager, grant: IdentityGrantRow): Promise<void> {
  await manager.query(
    `INSERT INTO identity_grant (alert_id, grantee_subject, granted_by_subject, reason, granted_at, revoked_at, revoked_by_subject)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (alert_id, grantee_subject) DO UPDATE SET granted_by_subject = EXCLUDED.granted_by_subject, reason = EXCLUDED.reason,
       granted_at = EXCLUDED.granted_at, revoked_at = EXCLUDED.revoked_at, revoked_by_subject = EXCLUDED.revoked_by_subject`,
    [grant.alertId, grant.granteeSubject, grant.grantedBySubject, grant.reason, grant.grantedAt, grant.revokedAt, grant.revokedBySubject],
  );
}

export async function updateGrantedAt(manager: EntityManager, alertId: string, granteeSubject: string, grantedAt: Date): Promise<void> {
  await manager.query(`UPDATE identity_grant SET granted_at = $3 WHERE alert_id = $1 AND grantee_subject = $2`, [alertId, granteeSubject, grantedAt]);
}

export async function updateGrantRevoked(manager: EntityManager, grant: Pick<IdentityGrantRow, 'alertId' | 'granteeSubject' | 'revokedAt' | 'revokedBySubject'>): Promise<void> {
  await manager.query(`UPDATE identity_grant SET revoked_at = $3, revoked_by_subject = $4 WHERE alert_id = $1 AND grantee_subject = $2`, [
    grant.alertId,
    grant.granteeSubject,
    grant.revokedAt,
    grant.revokedBySubject,
  ]);
}
