/**
 * Which directory state the replica applies. Each directory event carries the aggregate's
 * whole state and its version, and the directory bumps the version by one per change,
 * publishing each change; one aggregate's events come in order (key = its id). So the
 * next state to apply is always current + 1. An older or equal version is a redelivery or
 * a late copy, skipped. A version further ahead is never applied: the directory did not
 * write it (a forged event's huge version would otherwise make every real change after
 * it look old and be ignored, as a suspension once was), or the replica missed a change.
 */
export type ReplicaStep = 'apply' | 'skip' | 'jump';

export function replicaStep(current: bigint | undefined, incoming: bigint): ReplicaStep {
  if (current === undefined) return 'apply'; // the first state seen creates the row
  if (incoming <= current) return 'skip';
  return incoming === current + 1n ? 'apply' : 'jump';
}
