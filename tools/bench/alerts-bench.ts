// The alerts part of `npm run bench`, on the platform the run already started:
//   1. one post at a time: postAlert's latency and throughput, and each post's time until
//      the recipient's subscription delivers it (waited for before the next post);
//   2. the floor: raw Kafka produce -> consume at the steady rate, for the same duration;
//   3. posts at that steady rate, open loop: post -> the recipient's live POSTED event.
// The recipient listens from before the first post; a probe alert proves the path works
// end to end before anything is timed.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { RunningPlatform } from '@cpx/stack';
import { removeFocalPoint, setUpAlertParties } from './alert-parties';
import { componentCores, type ComponentCores, type ComponentCpuSample } from './cpu-share';
import { postAlert, subscribeToPostedAlerts, untilRoutable, type AlertFeed, type PostedAlert } from './alert-posting';
import { Deliveries, type DeliveryFigures } from './deliveries';
import { connectOneWayKafka } from './kafka-one-way';
import { runOpenLoop, type OpenLoopOutcome, type Send } from './open-loop';
import { percentile, summarize, type LatencySummary } from './percentiles';

export interface AlertsPlan {
  /** One at a time: posts not recorded, then posts recorded (capped in time). */
  warmup: number;
  posts: number;
  sequentialCapSeconds: number;
  /** The steady phase, for the alerts and for the raw Kafka baseline alike. */
  ratePerSecond: number;
  rateSeconds: number;
  maxInFlight: number;
  /** After the last send, how long stragglers may still arrive. */
  drainSeconds: number;
}

/** Means (ms) either side of the alert's occurredAt, stamped by the alerts service as it posts. */
export interface LatencySplit {
  toService: number;
  serviceToLive: number;
}

export interface OneAtATime {
  post: LatencySummary & { capped: boolean; firstError?: string };
  /** Post sent -> live event read; count is posts delivered, errors posts never delivered. */
  live: LatencySummary;
  split: LatencySplit;
}

export interface SteadyRate {
  loop: OpenLoopOutcome;
  /** Send -> arrival (or reply). */
  latency: LatencySummary;
  missing: number;
  /** Arrivals (or replies) per second, from the first send to the last arrival (or reply). */
  achievedPerSecond: number;
  /**
   * p50 latency (ms) of what was sent in the first and in the last fifth of the window: far
   * apart, a queue was growing, so the figures depend on how long the run was.
   */
  trend: { first: number; last: number };
}

export interface AlertsResult {
  plan: AlertsPlan;
  /** Professionals in the target country each alert went to (1 unless others are focal points too). */
  recipients: number;
  oneAtATime: OneAtATime;
  kafkaOneWay: SteadyRate;
  /** postAlert's own reply time during the steady phase. */
  postReply: SteadyRate;
  postToLive: SteadyRate & { split: LatencySplit };
  /** Who used the cores while alerts were posted at the steady rate, over windowMs. */
  steadyCpu: { windowMs: number; components: ComponentCores[] };
}

export const LIVE_TIMEOUT_MS = 10_000;
const ROUTABLE_CAP_MS = 60_000;

export async function measureAlerts(
  platform: RunningPlatform,
  identityDir: string,
  adminToken: string,
  plan: AlertsPlan,
  cpu: { cpus: number; sample: () => ComponentCpuSample },
  progress: (message: string) => void,
): Promise<AlertsResult> {
  const { graphqlUrl, stack } = platform;
  progress('alerts: a Serbian poster and a French focal point, through GraphQL');
  const parties = await setUpAlertParties(graphqlUrl, identityDir, adminToken);
  const run = randomUUID().slice(0, 8);
  let deliveries = new Deliveries();
  let feed: AlertFeed | undefined;
  try {
    feed = await subscribeToPostedAlerts(graphqlUrl, parties.recipient.token, (posted) =>
      deliveries.noteArrived(posted.alertId, { at: posted.at, stampedAt: posted.occurredAt }),
    );
    progress('alerts: waiting until the alerts service routes a post to the focal point, live');
    const { recipients } = await untilLive(graphqlUrl, parties.poster.token, `bench-${run}-probe`, () => deliveries);

    progress(`alerts: ${plan.warmup} warm-up posts, then ${plan.posts} one at a time, each awaited live`);
    deliveries = new Deliveries();
    const oneAtATime = await postOneAtATime(graphqlUrl, parties.poster.token, `bench-${run}-one`, deliveries, plan);
    assertFeedAlive(feed);

    progress(`raw kafka produce -> consume: ${plan.ratePerSecond}/s for ${plan.rateSeconds} s`);
    const oneWay = await connectOneWayKafka(stack.kafkaBrokers, stack.kafkaSecurity('tools'), stack.kafkaAuth);
    let kafkaOneWay: SteadyRate;
    try {
      const oneWayDeliveries = new Deliveries();
      const loop = await runOpenLoop(oneWay.sender(oneWayDeliveries), openLoopPlan(plan));
      await oneWayDeliveries.drain(plan.drainSeconds * 1000);
      kafkaOneWay = steady(loop, oneWayDeliveries.figures());
    } finally {
      await oneWay.close();
    }

    progress(`alerts: posting at ${plan.ratePerSecond}/s for ${plan.rateSeconds} s, open loop`);
    deliveries = new Deliveries();
    const replies = { latencies: [] as number[], sentAt: [] as number[] };
    const send: Send = async (index) => {
      const sentAt = performance.now();
      const posted = await postAlert(graphqlUrl, parties.poster.token, `bench-${run}-rate-${index}`);
      replies.latencies.push(performance.now() - sentAt);
      replies.sentAt.push(sentAt);
      deliveries.noteSent(posted.id, sentAt);
    };
    const cpuBefore = { sample: cpu.sample(), at: performance.now() };
    const loop = await runOpenLoop(send, openLoopPlan(plan));
    const steadyCpu = { windowMs: performance.now() - cpuBefore.at, components: componentCores(cpuBefore.sample, cpu.sample(), cpu.cpus) };
    await deliveries.drain(plan.drainSeconds * 1000);
    assertFeedAlive(feed);
    const live = deliveries.figures();
    return {
      plan,
      recipients,
      oneAtATime,
      kafkaOneWay,
      postReply: {
        loop,
        latency: summarize(replies.latencies, loop.windowMs, loop.failed),
        missing: 0,
        achievedPerSecond: (replies.latencies.length * 1000) / loop.settledMs,
        trend: trend(loop, replies),
      },
      postToLive: { ...steady(loop, live), split: split(live) },
      steadyCpu,
    };
  } finally {
    await feed?.close().catch(() => undefined);
    await removeFocalPoint(graphqlUrl, adminToken, parties.focalPointId).catch(() => undefined);
  }
}

/** Probes until an alert routed to the focal point reaches the open subscription. */
async function untilLive(graphqlUrl: string, token: string, keyPrefix: string, deliveries: () => Deliveries): Promise<PostedAlert> {
  const deadline = performance.now() + ROUTABLE_CAP_MS;
  // The server registers a subscription just after connection_ack: a first probe can pass it by.
  for (let attempt = 0; ; attempt += 1) {
    const probe = await untilRoutable(graphqlUrl, token, `${keyPrefix}-${attempt}`, ROUTABLE_CAP_MS);
    try {
      await deliveries().arrival(probe.id, 5_000);
      return probe;
    } catch (error) {
      if (performance.now() > deadline) throw new Error('posted alerts do not reach the recipient’s subscription', { cause: error });
    }
  }
}

async function postOneAtATime(graphqlUrl: string, token: string, keyPrefix: string, deliveries: Deliveries, plan: AlertsPlan): Promise<OneAtATime> {
  const postOnce = async (key: string) => {
    const sentAt = performance.now();
    const posted = await postAlert(graphqlUrl, token, key);
    const repliedAt = performance.now();
    deliveries.noteSent(posted.id, sentAt);
    return { reply: repliedAt - sentAt, arrival: deliveries.arrival(posted.id, LIVE_TIMEOUT_MS) };
  };
  // Warm-up posts must all go through and arrive: a failure there is a broken setup.
  // (Only sends noted in `deliveries` are counted: the warm-up's arrivals there are not.)
  for (let index = 0; index < plan.warmup; index += 1) {
    const posted = await postAlert(graphqlUrl, token, `${keyPrefix}-warmup-${index}`);
    await deliveries.arrival(posted.id, LIVE_TIMEOUT_MS);
  }
  const replies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let made = 0;
  const deadline = performance.now() + plan.sequentialCapSeconds * 1000;
  for (; made < plan.posts && performance.now() < deadline; made += 1) {
    try {
      const { reply, arrival } = await postOnce(`${keyPrefix}-${made}`);
      replies.push(reply);
      // An alert that never arrives counts as missing in the live figures, not as a post error.
      await arrival.catch(() => undefined);
    } catch (error) {
      errors += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  const live = deliveries.figures();
  const replyTotal = replies.reduce((sum, reply) => sum + reply, 0);
  const liveTotal = live.latencies.reduce((sum, latency) => sum + latency, 0);
  return {
    // req/s one at a time is 1000 / mean, as for the directory reads.
    post: { ...summarize(replies, replyTotal, errors), capped: made < plan.posts, ...(firstError ? { firstError } : {}) },
    live: summarize(live.latencies, liveTotal, live.missing),
    split: split(live),
  };
}

function openLoopPlan(plan: AlertsPlan) {
  return { ratePerSecond: plan.ratePerSecond, durationSeconds: plan.rateSeconds, maxInFlight: plan.maxInFlight };
}

function steady(loop: OpenLoopOutcome, figures: DeliveryFigures): SteadyRate {
  return {
    loop,
    latency: summarize(figures.latencies, loop.windowMs, loop.failed),
    missing: figures.missing,
    achievedPerSecond: (figures.latencies.length * 1000) / (figures.lastArrivalAt - loop.startedAt),
    trend: trend(loop, figures),
  };
}

function trend(loop: OpenLoopOutcome, timed: { latencies: number[]; sentAt: number[] }): SteadyRate['trend'] {
  const fifth = loop.windowMs / 5;
  const p50Of = (within: (offset: number) => boolean) =>
    percentile(
      timed.latencies.filter((_, index) => within(timed.sentAt[index]! - loop.startedAt)).sort((a, b) => a - b),
      50,
    );
  return { first: p50Of((offset) => offset < fifth), last: p50Of((offset) => offset >= loop.windowMs - fifth) };
}

function split(figures: DeliveryFigures): LatencySplit {
  const mean = (values: number[]) => (values.length > 0 ? values.reduce((sum, value) => sum + value, 0) / values.length : Number.NaN);
  return { toService: mean(figures.toStamp), serviceToLive: mean(figures.fromStamp) };
}

function assertFeedAlive(feed: AlertFeed): void {
  if (feed.failure) throw new Error(`the recipient's subscription ended: ${feed.failure}`);
}
