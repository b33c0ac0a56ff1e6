// The partner feeds part of `npm run bench`, on the platform the run already started:
//   1. a partner with N webhook subscriptions (alerts about France), each to its own local
//      endpoint, set up through GraphQL by a platform admin;
//   2. one event at a time: AlertPosted committed -> the first webhook attempt at every
//      endpoint (waited for before the next);
//   3. events committed at a steady rate, open loop, fanned out to the N endpoints:
//      committed -> first attempt, per (event, endpoint).
// The raw Kafka produce -> consume floor is the one the alerts part measured in the same
// run, at the same rate (see alerts-bench.ts). The bench's subscriptions are deleted at the
// end, and any an interrupted earlier run left are deleted first: the bench instance keeps
// its data, and a subscription to a closed port would be retried for days.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { databaseUrl, PlatformConfig, serviceDatabaseName } from '@cpx/platform';
import type { RunningPlatform } from '@cpx/stack';
import { Pool } from 'pg';
import { adminCall, ORIGIN_COUNTRY, TARGET_COUNTRY } from './alert-parties';
import { componentCores, type ComponentCores, type ComponentCpuSample } from './cpu-share';
import { Deliveries, type DeliveryFigures } from './deliveries';
import { runOpenLoop, type OpenLoopOutcome, type Send } from './open-loop';
import { alertsOutbox, type OutboxEvents } from './outbox-events';
import { percentile, summarize, type LatencySummary } from './percentiles';
import { deliveryKey, startWebhookReceivers, type WebhookReceivers } from './webhook-receivers';

export interface FeedsPlan {
  /** Webhook subscriptions, one endpoint each; every event matches all of them. */
  endpoints: number;
  /** One at a time: events not recorded, then events recorded (capped in time). */
  warmup: number;
  events: number;
  sequentialCapSeconds: number;
  ratePerSecond: number;
  rateSeconds: number;
  maxInFlight: number;
  drainSeconds: number;
}

export interface FeedsResult {
  plan: FeedsPlan;
  oneAtATime: {
    /** Committed -> first attempt, one sample per (event, endpoint). */
    firstAttempt: LatencySummary & { capped: boolean };
    /** Committed -> the last endpoint's first attempt: when every partner had it. */
    allEndpoints: LatencySummary;
  };
  steady: {
    loop: OpenLoopOutcome;
    /** The commits themselves (the INSERT's round trip), for the source's own pace. */
    commit: LatencySummary;
    firstAttempt: LatencySummary;
    /** (event, endpoint) pairs never attempted within the drain. */
    missing: number;
    /** First attempts per second, from the first commit to the last attempt. */
    attemptsPerSecond: number;
    trend: { first: number; last: number };
    /** p95 of each endpoint's own first attempts: one endpoint lagging shows here. */
    endpointP95: { fastest: number; slowest: number };
  };
  /** Requests the endpoints could not read as a webhook (should be 0). */
  malformed: number;
  steadyCpu: { windowMs: number; components: ComponentCores[] };
}

export const ATTEMPT_TIMEOUT_MS = 10_000;
const READY_CAP_MS = 60_000;
const PARTNER_PREFIX = 'Bench feeds ';
const EVENT_TYPES = ['cpx.alerts.v1.*'];

export async function measureFeeds(
  platform: RunningPlatform,
  adminToken: string,
  plan: FeedsPlan,
  cpu: { cpus: number; sample: () => ComponentCpuSample },
  progress: (message: string) => void,
): Promise<FeedsResult> {
  const admin = <T>(query: string, variables: Record<string, unknown>) => adminCall<T>(platform.graphqlUrl, adminToken, query, variables);
  await deleteEarlierSubscriptions(platform, admin);
  const receivers = await startWebhookReceivers(plan.endpoints);
  const outbox = alertsOutbox(platform, Math.min(plan.maxInFlight, 16));
  const subscriptions: string[] = [];
  try {
    progress(`feeds: a partner with ${plan.endpoints} webhook subscriptions (${EVENT_TYPES.join(', ')} about ${TARGET_COUNTRY}), through GraphQL`);
    const { registerPartner } = await admin<{ registerPartner: { id: string } }>(
      `mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id } }`,
      { input: { name: `${PARTNER_PREFIX}${randomUUID().slice(0, 8)}`, countries: [TARGET_COUNTRY] } },
    );
    for (const webhookUrl of receivers.urls) {
      const { createPartnerSubscription } = await admin<{ createPartnerSubscription: { subscription: { id: string } } }>(
        `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { subscription { id } } }`,
        { input: { partnerId: registerPartner.id, eventTypes: EVENT_TYPES, countries: [TARGET_COUNTRY], webhookUrl } },
      );
      subscriptions.push(createPartnerSubscription.subscription.id);
    }

    progress('feeds: waiting until a committed event reaches every endpoint');
    await untilEveryEndpoint(outbox, receivers, plan.endpoints);

    progress(`feeds: ${plan.warmup} warm-up events, then ${plan.events} one at a time, each awaited at all ${plan.endpoints} endpoints`);
    const oneAtATime = await eventsOneAtATime(outbox, receivers, plan);

    progress(`feeds: committing ${plan.ratePerSecond} events/s for ${plan.rateSeconds} s, open loop, to ${plan.endpoints} endpoints each`);
    const deliveries = new Deliveries();
    receivers.noteInto(deliveries);
    const commits: number[] = [];
    const send: Send = async () => {
      const startedAt = performance.now();
      const event = await outbox.commit(ORIGIN_COUNTRY, [TARGET_COUNTRY]);
      commits.push(event.committedAt - startedAt);
      for (let endpoint = 0; endpoint < plan.endpoints; endpoint += 1) deliveries.noteSent(deliveryKey(endpoint, event.id), event.committedAt);
    };
    const cpuBefore = { sample: cpu.sample(), at: performance.now() };
    const loop = await runOpenLoop(send, { ratePerSecond: plan.ratePerSecond, durationSeconds: plan.rateSeconds, maxInFlight: plan.maxInFlight });
    await deliveries.drain(plan.drainSeconds * 1000);
    // To the last attempt: the fan-out and delivery run on after the last commit.
    const steadyCpu = { windowMs: performance.now() - cpuBefore.at, components: componentCores(cpuBefore.sample, cpu.sample(), cpu.cpus) };
    const figures = deliveries.figures();
    return {
      plan,
      oneAtATime,
      steady: {
        loop,
        commit: summarize(commits, loop.windowMs, loop.failed),
        firstAttempt: summarize(figures.latencies, loop.windowMs),
        missing: figures.missing,
        attemptsPerSecond: (figures.latencies.length * 1000) / (figures.lastArrivalAt - loop.startedAt),
        trend: trend(loop, figures),
        endpointP95: endpointSpread(deliveries, plan.endpoints),
      },
      malformed: receivers.malformed(),
      steadyCpu,
    };
  } finally {
    for (const id of subscriptions) {
      await admin(`mutation($id: ID!) { deletePartnerSubscription(id: $id) }`, { id }).catch(() => undefined);
    }
    await outbox.close().catch(() => undefined);
    await receivers.close();
  }
}

/** Subscriptions start matching as soon as they are created; probes prove the whole path works first. */
async function untilEveryEndpoint(outbox: OutboxEvents, receivers: WebhookReceivers, endpoints: number): Promise<void> {
  const deadline = performance.now() + READY_CAP_MS;
  for (;;) {
    const probes = new Deliveries();
    receivers.noteInto(probes);
    const event = await outbox.commit(ORIGIN_COUNTRY, [TARGET_COUNTRY]);
    try {
      await Promise.all(Array.from({ length: endpoints }, (_, endpoint) => probes.arrival(deliveryKey(endpoint, event.id), 5_000)));
      return;
    } catch (error) {
      if (performance.now() > deadline) throw new Error(`committed events do not reach the ${endpoints} webhook endpoints`, { cause: error });
    }
  }
}

async function eventsOneAtATime(outbox: OutboxEvents, receivers: WebhookReceivers, plan: FeedsPlan): Promise<FeedsResult['oneAtATime']> {
  const commitAndWait = async (deliveries: Deliveries) => {
    receivers.noteInto(deliveries);
    const event = await outbox.commit(ORIGIN_COUNTRY, [TARGET_COUNTRY]);
    const keys = Array.from({ length: plan.endpoints }, (_, endpoint) => deliveryKey(endpoint, event.id));
    for (const key of keys) deliveries.noteSent(key, event.committedAt);
    const arrivals = await Promise.allSettled(keys.map((key) => deliveries.arrival(key, ATTEMPT_TIMEOUT_MS)));
    const last = Math.max(...arrivals.map((arrival) => (arrival.status === 'fulfilled' ? arrival.value.at : Number.NaN)));
    return Number.isNaN(last) ? undefined : last - event.committedAt;
  };
  for (let index = 0; index < plan.warmup; index += 1) {
    if ((await commitAndWait(new Deliveries())) === undefined) throw new Error('a warm-up event did not reach every endpoint');
  }
  const deliveries = new Deliveries();
  const allEndpoints: number[] = [];
  let incomplete = 0;
  let made = 0;
  const startedAt = performance.now();
  const deadline = startedAt + plan.sequentialCapSeconds * 1000;
  for (; made < plan.events && performance.now() < deadline; made += 1) {
    const last = await commitAndWait(deliveries);
    if (last === undefined) incomplete += 1;
    else allEndpoints.push(last);
  }
  const wallMs = performance.now() - startedAt;
  const figures = deliveries.figures();
  return {
    firstAttempt: { ...summarize(figures.latencies, wallMs, figures.missing), capped: made < plan.events },
    allEndpoints: summarize(allEndpoints, wallMs, incomplete),
  };
}

function trend(loop: OpenLoopOutcome, figures: DeliveryFigures): FeedsResult['steady']['trend'] {
  const fifth = loop.windowMs / 5;
  const p50Of = (within: (offset: number) => boolean) =>
    percentile(
      figures.latencies.filter((_, index) => within(figures.sentAt[index]! - loop.startedAt)).sort((a, b) => a - b),
      50,
    );
  return { first: p50Of((offset) => offset < fifth), last: p50Of((offset) => offset >= loop.windowMs - fifth) };
}

function endpointSpread(deliveries: Deliveries, endpoints: number): { fastest: number; slowest: number } {
  const p95s = Array.from({ length: endpoints }, (_, endpoint) => {
    const latencies = deliveries.latenciesWhere((key) => key.startsWith(`${endpoint}/`)).sort((a, b) => a - b);
    return percentile(latencies, 95);
  }).filter((value) => Number.isFinite(value));
  return { fastest: Math.min(...p95s), slowest: Math.max(...p95s) };
}

async function deleteEarlierSubscriptions(
  platform: RunningPlatform,
  admin: <T>(query: string, variables: Record<string, unknown>) => Promise<T>,
): Promise<void> {
  const config = Object.assign(new PlatformConfig(), { CPX_INSTANCE: platform.env['CPX_INSTANCE'] ?? '' });
  const pool = new Pool({ connectionString: databaseUrl(platform.stack.databaseUrl, serviceDatabaseName('feeds', config)), max: 1 });
  pool.on('error', () => undefined);
  try {
    // Read-only, from the feeds' own database: there is no "list partners" operation.
    const { rows } = await pool.query<{ id: string }>(
      `SELECT s.id FROM subscription s JOIN partner p ON p.id = s.partner_id WHERE s.deleted_at IS NULL AND p.name LIKE $1`,
      [`${PARTNER_PREFIX}%`],
    );
    for (const { id } of rows) await admin(`mutation($id: ID!) { deletePartnerSubscription(id: $id) }`, { id });
  } finally {
    await pool.end();
  }
}
