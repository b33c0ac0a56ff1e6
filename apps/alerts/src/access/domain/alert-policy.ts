/**
 * Need-to-know, enforced here, in the service that holds the child's data:
 * - the originating agency's professionals see and act on their alert, and only they
 *   resolve or cancel it;
 * - the recipients in the target countries see it, and so do their agency admins; they
 *   acknowledge it, add updates, and report the child found (which proposes resolution);
 * - regional attachés (curators) see every alert but never the child's identity;
 * - auditors read the audit trail, not the alerts;
 * - nobody else sees anything: not partners, not platform admins, not other countries.
 */
import { DomainError, hasRole } from '@cpx/platform';
import { isActingProfessional, type AlertCaller } from './caller';

export interface AlertParties {
  originAgencyId: string;
  recipients: readonly { subject: string | null; agencyId: string; country: string }[];
}

export type Relation = 'originator' | 'recipient' | 'recipient-admin' | 'attache' | 'none';

export function relationTo(caller: AlertCaller, parties: AlertParties): Relation {
  if (isActingProfessional(caller)) {
    if (caller.professional.agencyId === parties.originAgencyId) return 'originator';
    if (parties.recipients.some((recipient) => recipient.subject === caller.principal.subject)) return 'recipient';
    if (
      hasRole(caller.principal, 'agency_admin') &&
      parties.recipients.some((recipient) => recipient.agencyId === caller.professional.agencyId)
    ) {
      return 'recipient-admin';
    }
  }
  if (hasRole(caller.principal, 'curator')) return 'attache';
  return 'none';
}

export function canSee(relation: Relation): boolean {
  return relation !== 'none';
}

/** Reading the child's identity: the parties to the alert; the attaché only with the originator's grant. */
export function canReadIdentity(relation: Relation, grantedToCaller = false): boolean {
  return relation === 'originator' || relation === 'recipient' || relation === 'recipient-admin' || (relation === 'attache' && grantedToCaller);
}

/** Granting an attaché access to the identity: the originating agency's call. */
export function canGrantIdentity(relation: Relation): boolean {
  return relation === 'originator';
}

/** Acknowledging for a country: its recipients and their agency admins. */
export function canAcknowledge(relation: Relation): boolean {
  return relation === 'recipient' || relation === 'recipient-admin';
}

/** Exchanging updates: the originating agency and the recipients' side. */
export function canTakePart(relation: Relation): boolean {
  return relation === 'originator' || relation === 'recipient' || relation === 'recipient-admin';
}

/**
 * Resolving: the originating agency, whose alert it is. A target country that found the
 * child says so with a report (canReportFound); the originator then resolves.
 */
export function canResolve(relation: Relation): boolean {
  return relation === 'originator';
}

/** Reporting the child found: the recipients in the target countries and their agency admins. */
export function canReportFound(relation: Relation): boolean {
  return relation === 'recipient' || relation === 'recipient-admin';
}

/** Cancelling: only who posted it (the originating agency). */
export function canCancel(relation: Relation): boolean {
  return relation === 'originator';
}

export function assertMayPost(caller: AlertCaller): asserts caller is AlertCaller & { professional: NonNullable<AlertCaller['professional']>; agency: NonNullable<AlertCaller['agency']> } {
  if (!isActingProfessional(caller)) {
    throw DomainError.forbidden('Only a verified professional of a registered agency may post an alert.');
  }
}

/**
 * Following alert changes live: the parties a change can be addressed to (verified
 * professionals and agency admins of a registered agency) and the regional attachés.
 * Everyone else would receive nothing anyway; a suspended or unverified professional
 * must not keep a socket that the token alone would let them open.
 */
export function assertMayFollowLive(caller: AlertCaller): void {
  if (hasRole(caller.principal, 'curator') || isActingProfessional(caller)) return;
  throw DomainError.forbidden('Only verified professionals of a registered agency and regional attachés follow alerts live.');
}

/** What a caller may be refused on an alert, and the rule a refused party is told. */
const ACTIONS = {
  see: { what: 'see', rule: '' },
  acknowledge: { what: 'acknowledge', rule: 'only its recipients in the target countries, and their agency admins, acknowledge it.' },
  update: { what: 'update', rule: 'only the originating agency and the recipients in the target countries add updates.' },
  resolve: { what: 'resolve', rule: 'only the originating agency resolves it; a target country reports the child found (reportChildFound).' },
  reportFound: { what: 'report the child found on', rule: 'only the recipients in the target countries, and their agency admins, report the child found; the originating agency resolves it.' },
  cancel: { what: 'cancel', rule: 'only the originating agency cancels it.' },
  readIdentity: { what: 'read the child’s identity on', rule: 'an attaché reads the identity only once the originating agency has granted it.' },
  grantIdentity: { what: 'grant access to the identity on', rule: 'only the originating agency grants access to the identity.' },
  seeIdentityReads: { what: 'see the identity reads of', rule: 'only the originating agency and auditors see who read the identity.' },
} as const;

export type AlertAction = keyof typeof ACTIONS;

/**
 * FORBIDDEN unless allowed. A caller with no part in the alert learns only that; a party
 * to it (who sees the alert anyway) is told the rule that refuses them, not "it was not
 * sent to you", which would be false.
 */
export function assertAllowed(allowed: boolean, action: AlertAction, relation: Relation): void {
  if (allowed) return;
  const { what, rule } = ACTIONS[action];
  const why = relation === 'none' || !rule ? 'it was not sent to you or your agency.' : rule;
  throw DomainError.forbidden(`You may not ${what} this alert: ${why}`);
}
