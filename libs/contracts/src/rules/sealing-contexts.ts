/**
 * The HPKE `info` of each sealed payload: what it was sealed for. A payload opens only
 * under the context it was sealed with, so one sealed for one operation (or one alert, one
 * subscription) cannot be replayed into another. The sealer and the opener are on two sides
 * of the wire (the gateway and a service), so both read the contexts here.
 */

/** The child's record in a post, for that post alone (its idempotency key). */
export const postAlertContext = (idempotencyKey: string): string => `cpx.alerts.v1.PostAlert|${idempotencyKey}`;

/** A revealed child's record, for the caller of that reveal of that alert. */
export const revealIdentityContext = (alertId: string): string => `cpx.alerts.v1.RevealAlertIdentity|${alertId}`;

/** A new webhook secret in the reply of the operation (create or rotate) that issued it, for one subscription. */
export const webhookSecretContext = (operation: { name: string }, subscriptionId: string): string => `${operation.name}|${subscriptionId}`;
