/**
 * Who may read what of a practice. A published revision is for everyone working on child
 * protection here: verified professionals (verification is the directory's, known to the
 * use case), partners, curators, agency and platform admins. Anything not published (a
 * draft, a revision in review, changes requested, a withdrawn draft) is its author's
 * work in progress: readable by the author, the admins of the author's agency (who answer
 * for what their staff put forward), and curators (who review it); nobody else, not even
 * a partner of the same country. An unverified or suspended professional reads nothing
 * but their own drafts.
 */
import { hasRole, type Principal } from '@cpx/platform';

export interface Actor {
  readonly principal: Principal;
  /** Verified and not suspended in the directory (the use case knows; the domain takes its word). */
  readonly verified: boolean;
}

export interface Authorship {
  readonly authorSubject: string;
  /** The author's agency when they wrote it (an admin of that agency reads their drafts). */
  readonly authorAgencyId?: string;
}

export const isCurator = (actor: Actor) => hasRole(actor.principal, 'curator');
export const isAuthor = (actor: Actor, practice: Authorship) => actor.principal.subject === practice.authorSubject;

export function canReadPublished(actor: Actor): boolean {
  const { principal } = actor;
  if (hasRole(principal, 'curator', 'partner', 'platform_admin', 'agency_admin')) return true;
  return hasRole(principal, 'professional') && actor.verified;
}

export function canReadUnpublished(actor: Actor, practice: Authorship): boolean {
  if (isAuthor(actor, practice) || isCurator(actor)) return true;
  return (
    hasRole(actor.principal, 'agency_admin') &&
    practice.authorAgencyId !== undefined &&
    actor.principal.agencyId === practice.authorAgencyId
  );
}

/** Anyone who may draft: a verified professional, or a curator writing up a practice they met. */
export function canDraft(actor: Actor): boolean {
  return isCurator(actor) || (hasRole(actor.principal, 'professional') && actor.verified);
}
