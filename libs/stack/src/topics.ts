// Creates the topics the services use, with their partitions, before any service
// connects: NestJS's Kafka client only sees the reply partitions that exist when its
// group joins, and auto-creation (off on the local broker) would race that join.
// Safe to call on every start: existing topics are grown if they have fewer partitions
// than asked (partitions can be added, never removed), and given the settings asked for
// (retention, record size) when theirs differ, so a kept broker catches up with the code.
import { type Admin, ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { clientSecurity, type KafkaAuth } from './kafka-auth';
import { delay } from './process-guard';
import { stackLog } from './stack-log';

export interface TopicSpec {
  topic: string;
  partitions: number;
  /** How long records are kept; unset: the broker's default. */
  retentionMs?: number;
  /** The largest record accepted (`max.message.bytes`); unset: the broker's default (about 1 MB). */
  maxMessageBytes?: number;
  /** Segment rolling (`segment.ms`, `segment.bytes`) and `file.delete.delay.ms`: what makes retention hold. */
  segmentMs?: number;
  segmentBytes?: number;
  fileDeleteDelayMs?: number;
}

export interface CreateTopicsOptions {
  /** 1 suits the local single-node broker; a shared cluster may want its own. */
  replicationFactor?: number;
  timeoutMs?: number;
  /** How to authenticate (as the admin principal); unset: plaintext, no user. */
  auth?: KafkaAuth;
}

export async function createTopics(brokers: string[], specs: TopicSpec[], options: CreateTopicsOptions = {}): Promise<void> {
  const { replicationFactor = 1, timeoutMs = 30_000 } = options;
  assertDistinct(specs);
  if (specs.length === 0) return;
  const admin = new Kafka({ clientId: 'cpx-stack-topics', brokers, ...clientSecurity(options.auth, 'admin'), logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const listed = new Set(await admin.listTopics());
    const existing = await partitionCounts(admin, specs.map(({ topic }) => topic).filter((topic) => listed.has(topic)));
    const missing = specs.filter(({ topic }) => !existing.has(topic));
    if (missing.length > 0) {
      // Another process may create the same topics at the same moment: kafkajs then
      // answers false (already exists) instead of throwing, which is what we want.
      await admin.createTopics({
        topics: missing.map((spec) => ({
          topic: spec.topic,
          numPartitions: spec.partitions,
          replicationFactor,
          configEntries: topicConfig(spec),
        })),
        waitForLeaders: true,
        timeout: timeoutMs,
      });
      stackLog(`created topics ${missing.map(({ topic, partitions }) => `${topic}(${partitions})`).join(', ')}`);
    }
    const tooSmall = specs.filter(({ topic, partitions }) => (existing.get(topic) ?? partitions) < partitions);
    if (tooSmall.length > 0) {
      await admin.createPartitions({
        topicPartitions: tooSmall.map(({ topic, partitions }) => ({ topic, count: partitions })),
        timeout: timeoutMs,
      });
      stackLog(`grew partitions of ${tooSmall.map(({ topic, partitions }) => `${topic} to ${partitions}`).join(', ')}`);
    }
    await alignConfigs(admin, specs.filter(({ topic }) => existing.has(topic)));
    await waitUntilVisible(admin, specs, timeoutMs);
  } finally {
    await admin.disconnect();
  }
}

const CONFIG_NAMES = {
  retentionMs: 'retention.ms',
  maxMessageBytes: 'max.message.bytes',
  segmentMs: 'segment.ms',
  segmentBytes: 'segment.bytes',
  fileDeleteDelayMs: 'file.delete.delay.ms',
} as const satisfies Partial<Record<keyof TopicSpec, string>>;

export function topicConfig(spec: TopicSpec): { name: string; value: string }[] {
  return Object.entries(CONFIG_NAMES).flatMap(([field, name]) => {
    const value = spec[field as keyof typeof CONFIG_NAMES];
    return value === undefined ? [] : [{ name, value: String(value) }];
  });
}

/**
 * Existing topics whose settings differ from the spec get the spec's. Kafka's AlterConfigs
 * replaces a topic's whole set of overrides, so the full set is sent, never one entry.
 */
async function alignConfigs(admin: Admin, specs: TopicSpec[]): Promise<void> {
  const wanted = specs.map((spec) => ({ topic: spec.topic, entries: topicConfig(spec) })).filter(({ entries }) => entries.length > 0);
  if (wanted.length === 0) return;
  const described = await admin.describeConfigs({
    resources: wanted.map(({ topic, entries }) => ({ type: ConfigResourceTypes.TOPIC, name: topic, configNames: entries.map(({ name }) => name) })),
    includeSynonyms: false,
  });
  const current = new Map(described.resources.map((resource) => [resource.resourceName, new Map(resource.configEntries.map((entry) => [entry.configName, entry.configValue]))]));
  const stale = wanted.filter(({ topic, entries }) => entries.some(({ name, value }) => current.get(topic)?.get(name) !== value));
  if (stale.length === 0) return;
  await admin.alterConfigs({
    validateOnly: false,
    resources: stale.map(({ topic, entries }) => ({ type: ConfigResourceTypes.TOPIC, name: topic, configEntries: entries })),
  });
  stackLog(`updated the settings of ${stale.map(({ topic }) => topic).join(', ')}`);
}

/** Metadata can lag creation: wait until every topic shows all partitions with a leader. */
async function waitUntilVisible(admin: Admin, specs: TopicSpec[], timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await notReady(admin, specs);
    if (pending.length === 0) return;
    if (Date.now() > deadline) throw new Error(`cpx stack: topics not ready after ${timeoutMs} ms: ${pending.join(', ')}`);
    await delay(200);
  }
}

async function notReady(admin: Admin, specs: TopicSpec[]): Promise<string[]> {
  const names = new Set(await admin.listTopics());
  const present = specs.filter(({ topic }) => names.has(topic));
  const { topics } = present.length > 0 ? await admin.fetchTopicMetadata({ topics: present.map(({ topic }) => topic) }) : { topics: [] };
  const led = new Map(topics.map(({ name, partitions }) => [name, partitions.filter(({ leader }) => leader >= 0).length]));
  return specs.filter(({ topic, partitions }) => (led.get(topic) ?? 0) < partitions).map(({ topic }) => topic);
}

async function partitionCounts(admin: Admin, names: string[]): Promise<Map<string, number>> {
  if (names.length === 0) return new Map();
  const { topics } = await admin.fetchTopicMetadata({ topics: names });
  return new Map(topics.map(({ name, partitions }) => [name, partitions.length]));
}

function assertDistinct(specs: TopicSpec[]): void {
  const seen = new Set<string>();
  for (const { topic, partitions } of specs) {
    if (seen.has(topic)) throw new Error(`cpx stack: topic ${topic} is listed twice`);
    if (!Number.isInteger(partitions) || partitions < 1) throw new Error(`cpx stack: topic ${topic} needs partitions >= 1, got ${partitions}`);
    seen.add(topic);
  }
}
