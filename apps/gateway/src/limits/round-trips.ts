/**
 * The requests to services one GraphQL operation sends, counted as they go: the static
 * estimate (query-limits.ts) refuses what it can see, and this count holds whatever the
 * estimate could not see (a list longer than assumed, a lookup it did not know of). Past
 * the limit, the field that would send one more request fails with TOO_MANY_ROUND_TRIPS
 * and nothing is sent.
 *
 * The count lives in the async context of the operation: HTTP requests enter it in the
 * gateway's request middleware, graphql-ws queries and mutations in its `execute`.
 * Subscriptions do not: a live one keeps asking for as long as it runs, and is bounded by
 * the operations per socket and sockets per user instead. Readiness probes run outside
 * any operation and are not counted.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestClient } from '@cpx/platform';
import { RequestLimitError } from '../graphql/graphql-errors';

class RoundTripBudget {
  private sent = 0;

  constructor(readonly limit: number) {}

  take(): void {
    if (this.sent >= this.limit) {
      throw new RequestLimitError(
        'TOO_MANY_ROUND_TRIPS',
        `This operation has already sent ${this.limit} requests to services, the most one operation may: split it.`,
      );
    }
    this.sent += 1;
  }
}

const budgets = new AsyncLocalStorage<RoundTripBudget>();

/** Runs one operation with its own count of requests to services. */
export function withinRoundTrips<T>(limit: number, operation: () => T): T {
  return budgets.run(new RoundTripBudget(limit), operation);
}

/**
 * The gateway's RequestClient, counting: `send` takes one from the running operation's
 * budget before anything goes on Kafka. Every other member is the client's own.
 */
export function countingRoundTrips<T extends Pick<RequestClient, 'send'>>(client: T): T {
  // Every argument is passed on as given, whatever `send` takes besides the operation.
  const send = (...args: unknown[]): Promise<unknown> => {
    try {
      budgets.getStore()?.take();
    } catch (error) {
      return Promise.reject(error as Error);
    }
    return (client.send as (...args: unknown[]) => Promise<unknown>).apply(client, args);
  };
  return new Proxy(client, {
    get: (target, property) => {
      if (property === 'send') return send;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
