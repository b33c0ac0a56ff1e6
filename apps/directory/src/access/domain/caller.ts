/**
 * The caller as the directory sees it: the verified principal plus, when the caller is
 * a registered professional, their own record. Authorization decisions read this, never
 * the token alone: a suspended professional keeps a valid token until it expires, and
 * only the directory knows about the suspension.
 */
import { DomainError, type Principal } from '@cpx/platform';

/** What the rules read of a professional's record (the store's row has more). */
export interface CallerRecord {
  readonly id: string;
  readonly agencyId: string;
  readonly status: string;
}

export interface Caller<Record extends CallerRecord = CallerRecord> {
  readonly principal: Principal;
  readonly professional: Record | null;
}

/**
 * The caller from their professional row (null when they have none), read by
 * resolveCaller (resolve-caller.ts) or by a query that fetched it together with the data
 * asked for.
 */
export function callerFrom<Record extends CallerRecord>(principal: Principal, row: Record | null): Caller<Record> {
  const professional = row && signsInAs(principal, row) ? row : null;
  if (professional?.status === 'SUSPENDED') {
    throw DomainError.forbidden('Your account is suspended.');
  }
  return { principal, professional };
}

/**
 * Whether a record bound to the caller's subject really is the caller's: its agency must
 * be the one the identity provider vouches for in the token. An agency admin types the
 * subject when inviting someone and cannot prove whose it is; without this check, an
 * admin who bound another agency's user (or a platform admin) to a record of their own
 * agency could suspend that record and lock its victim out of CPX, or leave it unverified
 * and blind them. A record that fails the check is ignored, so the token counts as a
 * caller with no record: people-reading roles then see nobody (directory-policy.ts).
 */
function signsInAs(principal: Principal, row: CallerRecord): boolean {
  return !!principal.agencyId && row.agencyId === principal.agencyId;
}
