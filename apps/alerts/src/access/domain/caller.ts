/**
 * The caller as the alerts service sees it: the signed principal, and the caller's record
 * in the service's replica of the directory. The replica, not the token, says whether the
 * professional is verified or suspended and which agency and country they belong to.
 */
import { hasRole, type Principal } from '@cpx/platform';

export interface CallerProfessional {
  id: string;
  agencyId: string;
  subject: string | null;
  status: string;
}

export interface CallerAgency {
  id: string;
  /** char(2) in the replica: compare trimmed. */
  country: string;
  type: string;
}

export interface AlertCaller {
  readonly principal: Principal;
  /** The caller's directory record, when the caller is a registered professional. */
  readonly professional: CallerProfessional | null;
  /** The caller's agency as the directory has it (not as the token claims). */
  readonly agency: CallerAgency | null;
}

/** A verified professional of a known agency: the only kind of user who acts on alerts. */
export function isActingProfessional(caller: AlertCaller): caller is AlertCaller & { professional: CallerProfessional; agency: CallerAgency } {
  return (
    !!caller.professional &&
    caller.professional.status === 'VERIFIED' &&
    !!caller.agency &&
    hasRole(caller.principal, 'professional', 'agency_admin')
  );
}

/**
 * Which alerts a list may show this caller: the need-to-know rule of alert-policy.ts for
 * many alerts at once (alert.store.ts turns it into SQL). Attachés see every alert; a
 * verified professional their agency's alerts and those sent to them, an agency admin
 * also those sent to their agency; anyone else none.
 */
export type AlertVisibility =
  | { kind: 'all' }
  | { kind: 'none' }
  | { kind: 'parties'; agencyId: string; subject: string; asAgencyAdmin: boolean };

export function alertVisibility(caller: AlertCaller): AlertVisibility {
  if (hasRole(caller.principal, 'curator')) return { kind: 'all' };
  const acting = caller.professional?.status === 'VERIFIED' && caller.agency && hasRole(caller.principal, 'professional', 'agency_admin');
  if (!acting) return { kind: 'none' };
  return { kind: 'parties', agencyId: caller.agency!.id, subject: caller.principal.subject, asAgencyAdmin: hasRole(caller.principal, 'agency_admin') };
}
