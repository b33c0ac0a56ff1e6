/**
 * The rules of an alert's life, as pure functions:
 *   POSTED --(a target country acknowledges)--> IN_PROGRESS
 *   POSTED | IN_PROGRESS --resolve--> RESOLVED, --cancel--> CANCELLED (the originator)
 *   POSTED | IN_PROGRESS --reportFound--> (unchanged: a target country proposes resolution)
 *   RESOLVED | CANCELLED --(after a grace period)--> CLOSED
 * A step out of order is refused and changes nothing; repeating a step that already
 * happened (acknowledging twice) is not an error.
 */
export type AlertStatus = 'POSTED' | 'IN_PROGRESS' | 'RESOLVED' | 'CANCELLED' | 'CLOSED';
export type Urgency = 'CRITICAL' | 'HIGH' | 'NORMAL';

export const OPEN_STATUSES: readonly AlertStatus[] = ['POSTED', 'IN_PROGRESS'];

export function isOpen(status: string): boolean {
  return (OPEN_STATUSES as readonly string[]).includes(status);
}

export type Step = 'acknowledge' | 'addUpdate' | 'reportFound' | 'resolve' | 'cancel' | 'close';

/** Why a step is not allowed now, or undefined when it is. */
export function refusal(status: AlertStatus, step: Step): string | undefined {
  switch (step) {
    case 'acknowledge':
    case 'resolve':
    case 'cancel':
      return isOpen(status) ? undefined : `The alert is ${status.toLowerCase().replace('_', ' ')}; it can no longer be ${pastTense(step)}.`;
    case 'reportFound':
      return isOpen(status) ? undefined : `The alert is ${status.toLowerCase().replace('_', ' ')}; the child can no longer be reported found on it.`;
    case 'addUpdate':
      return status === 'CLOSED' ? 'The alert is closed; updates are no longer taken.' : undefined;
    case 'close':
      return status === 'RESOLVED' || status === 'CANCELLED' ? undefined : 'Only a resolved or cancelled alert closes.';
  }
}

function pastTense(step: Step): string {
  return { acknowledge: 'acknowledged', resolve: 'resolved', cancel: 'cancelled', addUpdate: 'updated', reportFound: 'reported found', close: 'closed' }[step];
}

/** Status after a target acknowledged: the first acknowledgement puts the alert in progress. */
export function statusAfterAcknowledgement(status: AlertStatus): AlertStatus {
  return status === 'POSTED' ? 'IN_PROGRESS' : status;
}

/** The acknowledgement window of an urgency, from configuration. */
export function acknowledgementWindowMs(urgency: Urgency, windows: Record<Urgency, number>): number {
  return windows[urgency];
}

/**
 * Escalation after a missed deadline: level 1 reaches the country's national focal
 * points (every kind), level 2 the regional attaché; after that there is no one left
 * to escalate to, and the alert stays overdue in everyone's figures.
 */
export const MAX_ESCALATION_LEVEL = 2;

export function nextEscalationAt(level: number, now: Date, windowMs: number): Date | null {
  return level >= MAX_ESCALATION_LEVEL ? null : new Date(now.getTime() + windowMs);
}

/** What an alert's free texts read once erased at the end of retention. */
export const ERASED_TEXT = '[erased after the retention period]';
