/**
 * The audit log's hash chains, as pure rules: the canonical encoding of an entry, its
 * hash, and the walk that tells an intact log from one that was altered, cut or
 * re-ordered. No Nest, no TypeORM: the log (audit-log.ts) and the tests use the same.
 *
 * Every entry holds the hash of the entry before it in the whole log (`prevHashGlobal`)
 * and of the entry before it on the same alert (`prevHashAlert`, null for an alert's
 * first entry and for entries about no single alert); its own hash covers its sequence
 * number, time, actor, alert, action, details and both previous hashes. Changing any
 * field of any entry changes its hash; deleting or swapping entries breaks a link or a
 * sequence number.
 */
import { createHash } from 'node:crypto';

/** What the log records. Refusals and reads are entries as much as grants are. */
export const AUDIT_ACTIONS = [
  'IDENTITY_GRANTED',
  'IDENTITY_REVOKED',
  'IDENTITY_READ',
  'IDENTITY_READ_REFUSED',
  'ALERT_READ',
  'ALERTS_LISTED',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** JSON values only: what survives a round trip through jsonb unchanged. */
export type AuditDetail = string | boolean | null | AuditDetail[] | { [key: string]: AuditDetail };
export type AuditDetails = { [key: string]: AuditDetail };

export interface AuditEntry {
  /** Position in the whole log: 1, 2, 3 ... without gaps. A decimal string (Postgres bigint). */
  seq: string;
  at: Date;
  actorSubject: string;
  alertId: string | null;
  action: AuditAction;
  details: AuditDetails;
  prevHashGlobal: Buffer;
  prevHashAlert: Buffer | null;
  hash: Buffer;
}

/** The first entry's `prevHashGlobal`: nothing came before it. */
export const GENESIS_HASH = Buffer.alloc(32);

const ENCODING_VERSION = 'cpx.alerts.audit.v1';

/**
 * One byte string per entry, the same on every machine: a JSON array in a fixed order,
 * details with their keys sorted at every level, the time in ISO 8601 (UTC, ms) and the
 * hashes in hex. JSON.stringify escapes every string unambiguously, so no two entries
 * share an encoding.
 */
export function canonicalEncoding(entry: Omit<AuditEntry, 'hash'>): Buffer {
  return Buffer.from(
    JSON.stringify([
      ENCODING_VERSION,
      entry.seq,
      entry.at.toISOString(),
      entry.actorSubject,
      entry.alertId,
      entry.action,
      sortedKeys(entry.details),
      entry.prevHashGlobal.toString('hex'),
      entry.prevHashAlert ? entry.prevHashAlert.toString('hex') : null,
    ]),
    'utf8',
  );
}

export function entryHash(entry: Omit<AuditEntry, 'hash'>): Buffer {
  return createHash('sha256').update(canonicalEncoding(entry)).digest();
}

function sortedKeys(value: AuditDetail): AuditDetail {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: { [key: string]: AuditDetail } = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortedKeys(value[key]!);
    return sorted;
  }
  return value;
}

/** Why an entry breaks the chain. */
export type AuditBreak =
  /** Its hash is not the hash of its contents: a field was changed. */
  | 'ALTERED'
  /** Its sequence number is not the one after the entry before it: entries were deleted or moved. */
  | 'SEQUENCE_GAP'
  /** Its `prevHashGlobal` is not the hash of the entry before it in the log: deleted, inserted or re-ordered. */
  | 'GLOBAL_LINK_BROKEN'
  /** Its `prevHashAlert` is not the hash of the alert's entry before it. */
  | 'ALERT_LINK_BROKEN'
  /** The log ends before (or after) the entry the chain head names: its last entries were deleted. */
  | 'HEAD_MISMATCH'
  /** The entry of a head the auditor kept from an earlier check is gone or not as it was: the log was rewritten. */
  | 'ANCHOR_MISMATCH';

export interface AuditVerdict {
  ok: boolean;
  /** Entries looked at. */
  checked: number;
  /** The first entry found broken (by sequence number), with why; absent when ok. */
  broken?: { seq: string; alertId: string | null; reason: AuditBreak };
}

/**
 * Walks the whole log in sequence order, one batch at a time (feed it with `accept` and
 * close with `finish`), so that a long log is never held in memory at once. Keeps the
 * last hash of each alert seen: one 32-byte hash per alert.
 */
export class GlobalChainWalk {
  private previous: { seq: bigint; hash: Buffer };
  private readonly lastOfAlert = new Map<string, Buffer>();
  private checked = 0;
  private broken: AuditVerdict['broken'];

  /**
   * From the start of the log, or from an entry already verified (a head the auditor
   * kept): then the walk checks only what was appended after it, and each alert's last
   * hash up to that entry must be given (`alertLastHash`) before its next entry is fed.
   */
  constructor(from?: { seq: string; hash: Buffer }) {
    this.previous = from ? { seq: BigInt(from.seq), hash: from.hash } : { seq: 0n, hash: GENESIS_HASH };
  }

  /** The hash of an alert's last entry before the walk's start (for a walk that starts after an entry). */
  alertLastHash(alertId: string, hash: Buffer): void {
    this.lastOfAlert.set(alertId, hash);
  }

  /** Takes the next entries in sequence order; false once a break was found (stop feeding). */
  accept(entries: readonly AuditEntry[]): boolean {
    for (const entry of entries) {
      if (this.broken) return false;
      this.checked += 1;
      const reason = this.check(entry);
      if (reason) {
        this.broken = { seq: entry.seq, alertId: entry.alertId, reason };
        return false;
      }
      this.previous = { seq: BigInt(entry.seq), hash: entry.hash };
      if (entry.alertId) this.lastOfAlert.set(entry.alertId, entry.hash);
    }
    return !this.broken;
  }

  /** The verdict, given the chain head the log keeps (the last entry's sequence number and hash). */
  finish(head: { seq: string; hash: Buffer }): AuditVerdict {
    if (!this.broken && (BigInt(head.seq) !== this.previous.seq || !head.hash.equals(this.previous.hash))) {
      this.broken = { seq: (this.previous.seq + 1n).toString(), alertId: null, reason: 'HEAD_MISMATCH' };
    }
    return this.broken ? { ok: false, checked: this.checked, broken: this.broken } : { ok: true, checked: this.checked };
  }

  private check(entry: AuditEntry): AuditBreak | undefined {
    if (!entryHash(entry).equals(entry.hash)) return 'ALTERED';
    if (BigInt(entry.seq) !== this.previous.seq + 1n) return 'SEQUENCE_GAP';
    if (!entry.prevHashGlobal.equals(this.previous.hash)) return 'GLOBAL_LINK_BROKEN';
    const alertPrevious = entry.alertId ? (this.lastOfAlert.get(entry.alertId) ?? null) : null;
    if (!sameHash(entry.prevHashAlert, alertPrevious)) return 'ALERT_LINK_BROKEN';
    return undefined;
  }
}

/**
 * One alert's chain alone, in sequence order: each entry intact and linked to the
 * alert's entry before it. Cheaper than the whole walk, and blind to what only the
 * global chain shows (an alert's last entries deleted).
 */
export function verifyAlertChain(entries: readonly AuditEntry[]): AuditVerdict {
  let previous: AuditEntry | null = null;
  let checked = 0;
  for (const entry of entries) {
    checked += 1;
    let reason: AuditBreak | undefined;
    if (!entryHash(entry).equals(entry.hash)) reason = 'ALTERED';
    else if (previous && BigInt(entry.seq) <= BigInt(previous.seq)) reason = 'SEQUENCE_GAP';
    else if (!sameHash(entry.prevHashAlert, previous?.hash ?? null)) reason = 'ALERT_LINK_BROKEN';
    if (reason) return { ok: false, checked, broken: { seq: entry.seq, alertId: entry.alertId, reason } };
    previous = entry;
  }
  return { ok: true, checked };
}

function sameHash(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

/**
 * The entry of a head kept from an earlier check, as the log has it now: it must be
 * there, intact, with the hash that was kept.
 */
export function anchorHolds(entry: AuditEntry | undefined, kept: { seq: string; hash: Buffer }): boolean {
  return !!entry && entry.seq === kept.seq && entry.hash.equals(kept.hash) && entryHash(entry).equals(kept.hash);
}

/** The entry that follows `previous` (globally) and `previousOfAlert`: what the log appends. */
export function chainEntry(
  fields: { seq: string; at: Date; actorSubject: string; alertId: string | null; action: AuditAction; details: AuditDetails },
  previousHash: Buffer,
  previousOfAlertHash: Buffer | null,
): AuditEntry {
  const unhashed = { ...fields, prevHashGlobal: previousHash, prevHashAlert: fields.alertId ? previousOfAlertHash : null };
  return { ...unhashed, hash: entryHash(unhashed) };
}
