import { Logger } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { FeedsRequests } from '@cpx/contracts';
import { DomainError, type Principal } from '@cpx/platform';
import { WebSocket } from 'ws';
import type { GatewayContext } from '../../graphql/gateway-context';
import { FakeRequests } from '../../../test/fake-requests';
import { startTestGateway, type TestGateway } from '../../../test/test-gateway';
import { ServiceClient } from '../../messaging/service.client';
import type { PartnerFeedEventEdge } from '../types/feeds.types';
import { FeedEventsConsumer } from './feed-events.consumer';
import { FeedWakeUps } from './feed-wake-ups';
import { LIVE_PAGE_SIZE, PartnerFeedEventsResolver } from './partner-feed-events.resolver';
import { PartnerFeedStream, POLL_INTERVAL_MS } from './partner-feed-stream';

// The warnings are the point of some tests, not worth printing.
Logger.overrideLogger(false);

const PARTNER_ID = '5f0c7a52-4e7c-4d8e-9f43-2a8c1b1e9d11';
const OTHER_PARTNER_ID = '0b6d1f2e-7a3c-4e9b-8d21-5c4f3a2b1e00';
const AT = new Date('2026-02-01T08:00:00Z');
const unicef: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };

/**
 * The feeds service's pull feed as the gateway sees it: an append-only log with cursors
 * `c-<sequence>`, read strictly after a cursor, at most `first` at a time, and only by the
 * partner's own users or platform admins. Each read looks at `scanRows` events of the log
 * at most, some of which the partner does not want, and ends a page that is not full at
 * the last one it looked at.
 */
class FakeFeed {
  private sequence = 0;
  readonly log: { cursor: string; eventId: string; wanted: boolean }[] = [];
  reads = 0;
  failNext: Error | undefined;

  constructor(
    readonly requests = new FakeRequests(),
    readonly scanRows = 1_000,
  ) {
    requests.on(FeedsRequests.getPartnerFeed, (request, principal) => {
      this.reads += 1;
      if (this.failNext) {
        const failure = this.failNext;
        this.failNext = undefined;
        throw failure;
      }
      if (!principal.roles.includes('platform_admin') && principal.partnerId !== request.partnerId) throw DomainError.forbidden();
      const after = request.page?.after ? Number(request.page.after.replace(/^c-/, '')) : 0;
      if (Number.isNaN(after)) throw DomainError.badInput('page.after', 'The cursor is not one this API issued.');
      const first = request.page?.first ?? 20;
      const scanned = this.log.filter((row) => Number(row.cursor.slice(2)) > after).slice(0, this.scanRows);
      const wanted = scanned.filter((row) => row.wanted);
      const items = wanted.slice(0, first).map((row) => ({
        cursor: row.cursor,
        eventId: row.eventId,
        type: 'cpx.alerts.v1.AlertPosted',
        subject: `alerts/${row.eventId}`,
        countries: ['FR', 'RS'],
        occurredAt: timestampFromDate(AT),
        dataJson: JSON.stringify({ id: row.eventId }),
      }));
      if (wanted.length > first) return { items, endCursor: items.at(-1)!.cursor, hasNextPage: true };
      if (scanned.length === 0) return { items, endCursor: request.page?.after ?? '', hasNextPage: false };
      return { items, endCursor: scanned.at(-1)!.cursor, hasNextPage: scanned.length === this.scanRows };
    });
  }

  append(count: number, wanted = true): void {
    for (let index = 0; index < count; index += 1) {
      this.sequence += 1;
      this.log.push({ cursor: `c-${this.sequence}`, eventId: `e-${this.sequence}`, wanted });
    }
  }

  /** Where each read started. */
  get afters(): string[] {
    return this.requests.calls.map((call) => (call.request as { page: { after: string } }).page.after);
  }
}

function context(principal: Principal, expiresAt = Date.now() + 60_000): GatewayContext {
  return { authentication: Promise.resolve({ principal, expiresAt }) } as GatewayContext;
}

const noConsumer = { ensureStarted: () => undefined } as unknown as FeedEventsConsumer;

async function take(stream: AsyncIterableIterator<PartnerFeedEventEdge>, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const next = await stream.next();
    if (next.done) break;
    ids.push(next.value.node.id);
  }
  return ids;
}

function ids(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, index) => `e-${from + index}`);
}

describe('partnerFeedEvents: the pull feed, replayed then followed', () => {
  let feed: FakeFeed;
  let wakeUps: FeedWakeUps;
  let resolver: PartnerFeedEventsResolver;

  beforeEach(() => {
    feed = new FakeFeed();
    wakeUps = new FeedWakeUps();
    resolver = new PartnerFeedEventsResolver(new ServiceClient(feed.requests as never), wakeUps, noConsumer);
  });

  it('replays everything after the cursor, page by page, then follows new events in order, each with its cursor', async () => {
    feed.append(LIVE_PAGE_SIZE + 30);
    const stream = await resolver.partnerFeedEvents({ after: 'c-10' }, unicef, context(unicef));
    expect(await take(stream, LIVE_PAGE_SIZE + 20)).toEqual(ids(11, LIVE_PAGE_SIZE + 30));

    const waiting = take(stream, 3);
    feed.append(3);
    wakeUps.notify();
    expect(await waiting).toEqual(ids(LIVE_PAGE_SIZE + 31, LIVE_PAGE_SIZE + 33));
    const edge = (await (feed.append(1), wakeUps.notify(), stream.next())).value as PartnerFeedEventEdge;
    expect(edge).toMatchObject({ cursor: `c-${LIVE_PAGE_SIZE + 34}`, node: { id: `e-${LIVE_PAGE_SIZE + 34}`, type: 'cpx.alerts.v1.AlertPosted', data: `{"id":"e-${LIVE_PAGE_SIZE + 34}"}` } });
    await stream.return?.();
    expect(wakeUps.listenerCount).toBe(0);
    expect(feed.requests.calls.every((call) => (call.request as { page: { first: number } }).page.first === LIVE_PAGE_SIZE)).toBe(true);
    expect(feed.requests.calls.every((call) => call.principal === unicef)).toBe(true);
  });

  it('a client that reconnects with its last cursor misses nothing and receives nothing twice', async () => {
    feed.append(5);
    const first = await resolver.partnerFeedEvents({}, unicef, context(unicef));
    const before = await take(first, 5);
    await first.return?.();
    feed.append(4); // while disconnected
    const second = await resolver.partnerFeedEvents({ after: 'c-5' }, unicef, context(unicef));
    const waiting = take(second, 6);
    feed.append(2); // once back
    wakeUps.notify();
    const after = await waiting;
    expect([...before, ...after]).toEqual(ids(1, 11));
    await second.return?.();
  });

  it('re-reads shortly after a wake-up until the feeds service has recorded the event', async () => {
    jest.useFakeTimers();
    try {
      const stream = await resolver.partnerFeedEvents({}, unicef, context(unicef));
      const waiting = stream.next();
      await jest.advanceTimersByTimeAsync(0);
      wakeUps.notify(); // the domain event, seen on Kafka before the feeds service recorded it
      await jest.advanceTimersByTimeAsync(0);
      feed.append(1);
      await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS / 2);
      expect((await waiting).value?.node.id).toBe('e-1');
      await stream.return?.();
    } finally {
      jest.useRealTimers();
    }
  });

  it('follows on its poll interval when nothing wakes it, and keeps at most one page buffered', async () => {
    jest.useFakeTimers();
    try {
      const stream = await resolver.partnerFeedEvents({}, unicef, context(unicef));
      const waiting = stream.next();
      await jest.advanceTimersByTimeAsync(0);
      feed.append(LIVE_PAGE_SIZE * 3);
      await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
      expect((await waiting).value?.node.id).toBe('e-1');
      // Nobody reads on: no further page is fetched however long it waits.
      const reads = feed.reads;
      await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 10);
      expect(feed.reads).toBe(reads);
      expect((stream as PartnerFeedStream).position).toBe(`c-${LIVE_PAGE_SIZE}`);
      await stream.return?.();
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads on from where the service stopped looking, past events the partner does not want, at once while it says there is more', async () => {
    jest.useFakeTimers();
    try {
      feed = new FakeFeed(new FakeRequests(), 3);
      resolver = new PartnerFeedEventsResolver(new ServiceClient(feed.requests as never), wakeUps, noConsumer);
      feed.append(8, false); // other partners' events, or types this one does not follow
      feed.append(1);
      feed.append(1, false);
      const stream = await resolver.partnerFeedEvents({}, unicef, context(unicef));
      const ninth = stream.next();
      await jest.advanceTimersByTimeAsync(0);
      expect((await ninth).value?.node.id).toBe('e-9');
      expect(feed.afters).toEqual(['', 'c-3', 'c-6']);

      // Caught up: it sleeps, then reads after e-10, which it has looked at already.
      const eleventh = stream.next();
      await jest.advanceTimersByTimeAsync(0);
      feed.append(1);
      await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
      expect((await eleventh).value?.node.id).toBe('e-11');
      expect(feed.afters).toEqual(['', 'c-3', 'c-6', 'c-9', 'c-10']);
      expect((stream as PartnerFeedStream).position).toBe('c-11');
      await stream.return?.();
    } finally {
      jest.useRealTimers();
    }
  });

  it('stops reading once the subscriber leaves', async () => {
    jest.useFakeTimers();
    try {
      const stream = await resolver.partnerFeedEvents({}, unicef, context(unicef));
      const pending = stream.next();
      await jest.advanceTimersByTimeAsync(0);
      await stream.return?.();
      expect(await pending).toEqual({ value: undefined, done: true });
      const reads = feed.reads;
      feed.append(3);
      wakeUps.notify();
      await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS * 5);
      expect(feed.reads).toBe(reads);
    } finally {
      jest.useRealTimers();
    }
  });

  it('ends when the access token expires', async () => {
    jest.useFakeTimers();
    try {
      const stream = await resolver.partnerFeedEvents({}, unicef, context(unicef, Date.now() + 5_000));
      const pending = stream.next();
      await jest.advanceTimersByTimeAsync(5_001);
      expect(await pending).toEqual({ value: undefined, done: true });
      expect(wakeUps.listenerCount).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });

  it('retries when the service does not answer, and ends when it refuses', async () => {
    jest.useFakeTimers();
    try {
      const stream = await resolver.partnerFeedEvents({}, unicef, context(unicef));
      feed.failNext = DomainError.unavailable('The feeds service did not answer in time.');
      feed.append(1);
      const first = stream.next();
      await jest.advanceTimersByTimeAsync(POLL_INTERVAL_MS);
      expect((await first).value?.node.id).toBe('e-1');
      feed.failNext = DomainError.forbidden();
      const second = stream.next();
      await jest.advanceTimersByTimeAsync(0);
      expect(await second).toEqual({ value: undefined, done: true });
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses at subscribe time: another partner’s feed, callers who are not partners or platform admins, a foreign cursor', async () => {
    feed.append(1);
    const professional: Principal = { subject: 'rs-1', roles: ['professional'], country: 'RS', agencyId: 'a' };
    await expect(resolver.partnerFeedEvents({ partnerId: OTHER_PARTNER_ID }, unicef, context(unicef))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resolver.partnerFeedEvents({ partnerId: PARTNER_ID }, professional, context(professional))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(resolver.partnerFeedEvents({ after: 'not-ours' }, unicef, context(unicef))).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const admin: Principal = { subject: 'ops', roles: ['platform_admin'] };
    await expect(resolver.partnerFeedEvents({}, admin, context(admin))).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'partnerId' });
    const followed = await resolver.partnerFeedEvents({ partnerId: PARTNER_ID }, admin, context(admin));
    expect(await take(followed, 1)).toEqual(['e-1']);
    await followed.return?.();
    expect(wakeUps.listenerCount).toBe(0);
  });
});

describe('partnerFeedEvents over graphql-ws', () => {
  let gateway: TestGateway;
  let feed: FakeFeed;

  beforeAll(async () => {
    feed = new FakeFeed();
    gateway = await startTestGateway({ requests: feed.requests });
    // No Kafka here: the wake-up consumer stays off, live feeds follow by polling.
    await gateway.app.get(FeedEventsConsumer).onApplicationShutdown();
  });
  afterAll(() => gateway.close());

  async function subscribe(claims: Record<string, unknown>, query: string): Promise<{ received: Record<string, unknown>[]; close(): void }> {
    const ws = new WebSocket(gateway.url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
    const received: Record<string, unknown>[] = [];
    const acknowledged = new Promise<void>((resolve, reject) => {
      ws.on('error', reject);
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as Record<string, unknown>;
        if (message['type'] === 'connection_ack') resolve();
        else received.push(message);
      });
    });
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${await gateway.token(claims)}` } }));
    await acknowledged;
    ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query } }));
    return { received, close: () => ws.close() };
  }

  async function until(condition: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + 5_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  it('replays then follows, each item with its cursor', async () => {
    feed.append(2);
    const partner = await subscribe({ sub: 'unicef-admin', roles: ['partner'], cpx_partner: PARTNER_ID }, 'subscription { partnerFeedEvents(after: "c-1") { cursor node { id type countries occurredAt } } }');
    await until(() => partner.received.length === 1, 'the replay');
    feed.append(1);
    await until(() => partner.received.length === 2, 'the next event');
    expect(partner.received).toEqual(
      [2, 3].map((sequence) => ({
        id: '1',
        type: 'next',
        payload: { data: { partnerFeedEvents: { cursor: `c-${sequence}`, node: { id: `e-${sequence}`, type: 'cpx.alerts.v1.AlertPosted', countries: ['FR', 'RS'], occurredAt: AT.toISOString() } } } },
      })),
    );
    partner.close();
  });

  it('refuses with a coded error at subscribe time', async () => {
    const query = `subscription { partnerFeedEvents(partnerId: "${PARTNER_ID}") { cursor } }`;
    for (const claims of [
      { sub: 'other', roles: ['partner'], cpx_partner: OTHER_PARTNER_ID },
      { sub: 'rs-1', roles: ['professional'], cpx_country: 'RS', cpx_agency: 'a' },
    ]) {
      const refused = await subscribe(claims, query);
      await until(() => refused.received.some((message) => message['type'] === 'complete'), 'the refusal');
      expect(refused.received[0]).toMatchObject({ type: 'next', payload: { errors: [{ extensions: { code: 'FORBIDDEN' } }] } });
      refused.close();
    }
  });

  it('refuses a subscription sent over HTTP', async () => {
    const { body } = await gateway.graphql(`subscription { partnerFeedEvents { cursor } }`, { token: await gateway.token({ sub: 'unicef-admin', roles: ['partner'], cpx_partner: PARTNER_ID }) });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
  });
});
