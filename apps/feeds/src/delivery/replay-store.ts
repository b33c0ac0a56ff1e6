/**
 * What a replayed delivery becomes: queued again, with the retry schedule counting from the
 * replay. Replays also enable the subscription's endpoint again (endpoint-enabling.ts),
 * since a partner admin asking for one says the endpoint works now.
 */

/** The SET clause of a replayed delivery, but its due time. */
export const REQUEUE_STATE = `state = 'PENDING', claim_token = NULL, retry_base = attempts`;

/** The SET clause of a delivery replayed now. */
export const REQUEUE = `${REQUEUE_STATE}, next_attempt_at = now()`;
