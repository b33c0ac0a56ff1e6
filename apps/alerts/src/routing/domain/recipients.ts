/**
 * Routing's rules that need no database: who is added when an alert escalates, and when
 * a target country counts as unrouted. Who is on duty or a focal point is the replica's
 * (routing/recipient.store.ts).
 */

/** Who an escalation adds: the candidates not already receiving the alert, each once. */
export function newRecipients<R extends { professionalId: string }>(current: readonly { professionalId: string }[], candidates: readonly R[]): R[] {
  const known = new Set(current.map((recipient) => recipient.professionalId));
  return candidates.filter((candidate) => {
    if (known.has(candidate.professionalId)) return false;
    known.add(candidate.professionalId);
    return true;
  });
}

/**
 * A target country with nobody to receive the alert is unrouted: it is still targeted
 * (its deadline runs and escalates) and the regional attaché is told.
 */
export function isUnrouted(recipients: readonly unknown[]): boolean {
  return recipients.length === 0;
}
