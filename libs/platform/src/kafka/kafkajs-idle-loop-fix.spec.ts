import { kafkajsRequestQueue } from './kafkajs-idle-loop-fix';

// A real kafkajs RequestQueue (the class every kafkajs connection uses), patched by the
// import above, driven through its public methods with Jest's fake clock.
type Queue = {
  push(request: object): void;
  fulfillRequest(response: { correlationId: number; payload: Buffer; size: number }): void;
  maybeThrottle(ms: number | null): void;
  destroy(): void;
  pending: unknown[];
};

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function newQueue(maxInFlightRequests: number | null = null): Queue {
  const RequestQueue = kafkajsRequestQueue() as unknown as new (options: object) => Queue;
  return new RequestQueue({
    maxInFlightRequests,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: '127.0.0.1:9092',
    logger: silent,
  });
}

function request(correlationId: number, sent: number[]) {
  return {
    entry: { correlationId, apiKey: 1, apiName: 'Fetch', apiVersion: 11, resolve: () => undefined, reject: () => undefined },
    expectResponse: true,
    sendRequest: () => sent.push(correlationId),
  };
}

describe('kafkajs request queue, idle-loop fix', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('arms no timer once every request is answered (unpatched, a 1 ms timer re-arms forever)', () => {
    const queue = newQueue();
    const sent: number[] = [];
    queue.push(request(1, sent));
    queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    expect(sent).toEqual([1]);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(100);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still sends a request queued while the broker throttles the connection, once the throttle ends', () => {
    const queue = newQueue();
    const sent: number[] = [];
    queue.maybeThrottle(50);
    queue.push(request(1, sent));
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(49);
    expect(sent).toEqual([]);
    jest.advanceTimersByTime(2);
    expect(sent).toEqual([1]);
    expect(queue.pending).toHaveLength(0);
    queue.destroy();
  });

  it('still sends a request queued behind the in-flight limit when an answer frees a slot', () => {
    const queue = newQueue(1);
    const sent: number[] = [];
    queue.push(request(1, sent));
    queue.push(request(2, sent));
    expect(sent).toEqual([1]);
    queue.fulfillRequest({ correlationId: 1, payload: Buffer.alloc(0), size: 0 });
    expect(sent).toEqual([1, 2]);
    queue.destroy();
  });
});
