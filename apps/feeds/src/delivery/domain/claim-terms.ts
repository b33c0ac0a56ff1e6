/**
 * What one claim of deliveries is told (delivery.store.ts, claimDeliveries), from the
 * service's delivery settings: how many, the endpoint's pace and room, and how long the
 * lease lasts. And which secrets a claimed delivery is signed with.
 */

/** Beyond the timeout, room for logging the attempt before the lease runs out. */
export const LEASE_MARGIN_MS = 30_000;

export interface DeliverySettings {
  /** An attempt's timeout. */
  deliveryTimeoutMs: number;
  /** Workers claim at least this often; a claim takes send times within it. */
  pollIntervalMs: number;
  /** Each endpoint's pace. */
  endpointRatePerSecond: number;
  /** Deliveries in flight per endpoint, at most. */
  endpointConcurrency: number;
}

export interface ClaimTerms {
  limit: number;
  claimToken: string;
  /**
   * How long a claimed delivery is leased, from its send time: its attempt's timeout, the
   * margin to log it, and the poll interval it may wait for its send time. If the instance
   * dies mid-attempt, the delivery is due again once the lease runs out.
   */
  leaseMs: number;
  /** How far ahead a send time may be claimed: the poll interval (the next claim takes the rest). */
  horizonMs: number;
  /** The endpoint's grid: one send time every 1 / rate seconds. */
  spacingMs: number;
  endpointConcurrency: number;
}

export function claimTerms(limit: number, claimToken: string, settings: DeliverySettings): ClaimTerms {
  return {
    limit,
    claimToken,
    leaseMs: settings.deliveryTimeoutMs + LEASE_MARGIN_MS + settings.pollIntervalMs,
    horizonMs: settings.pollIntervalMs,
    spacingMs: 1_000 / settings.endpointRatePerSecond,
    endpointConcurrency: settings.endpointConcurrency,
  };
}

/**
 * The secrets a delivery is signed with: the current one, and the previous one beside it
 * while its overlap lasts (a rotation, by the database's clock), so a partner deploying
 * the new secret loses nothing.
 */
export function signingSecrets(secrets: { current: string; previous?: string }, previousLive: boolean): string[] {
  return previousLive && secrets.previous ? [secrets.current, secrets.previous] : [secrets.current];
}
