// The stack for real: a Kafka broker and an embedded Postgres, produce and consume, a
// Kafka outage with no data lost, and the database helpers. The first run on a machine
// also resolves the Kafka jars with Maven, hence the long setup timeout.
import { ConfigResourceTypes, Kafka, logLevel, type Consumer } from 'kafkajs';
import { Client } from 'pg';
import { createTopics, ensureDatabase, startStack, type Stack } from '@cpx/stack';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { isProcessAlive } from '../src/process-guard';
import { cachePath } from '../src/workspace';

const TOPIC = 'cpx.stack-test.v1.events';
// Its own instance per run (removed afterwards), so two runs on one machine never meet.
const INSTANCE = `stack-test-${process.pid}`;
const OUTAGE_MS = 10_000;

describe('startStack', () => {
  let stack: Stack;
  const saved = { kafka: process.env.KAFKA_BROKERS, database: process.env.DATABASE_URL };

  beforeAll(async () => {
    // This suite tests what the stack itself starts, not an external Kafka or Postgres.
    delete process.env.KAFKA_BROKERS;
    delete process.env.DATABASE_URL;
    process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
    stack = await startStack({ instance: INSTANCE, fresh: true, topics: [{ topic: TOPIC, partitions: 3 }] });
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    for (const service of ['kafka', 'postgres']) rmSync(cachePath(service, INSTANCE), { recursive: true, force: true });
    process.env.KAFKA_BROKERS = saved.kafka;
    process.env.DATABASE_URL = saved.database;
    if (saved.kafka === undefined) delete process.env.KAFKA_BROKERS;
    if (saved.database === undefined) delete process.env.DATABASE_URL;
  }, 60_000);

  const kafka = () => new Kafka({ clientId: 'stack-int-spec', brokers: stack.kafkaBrokers, logLevel: logLevel.ERROR });

  it('creates topics with their partitions, idempotently, and grows them on request', async () => {
    await createTopics(stack.kafkaBrokers, [{ topic: TOPIC, partitions: 3 }]);
    await createTopics(stack.kafkaBrokers, [{ topic: `${TOPIC}.grown`, partitions: 1 }]);
    await createTopics(stack.kafkaBrokers, [{ topic: `${TOPIC}.grown`, partitions: 2 }]);
    const admin = kafka().admin();
    await admin.connect();
    const { topics } = await admin.fetchTopicMetadata({ topics: [TOPIC, `${TOPIC}.grown`] });
    await admin.disconnect();
    expect(Object.fromEntries(topics.map(({ name, partitions }) => [name, partitions.length]))).toEqual({
      [TOPIC]: 3,
      [`${TOPIC}.grown`]: 2,
    });
  });

  it('gives a topic the record size and retention asked for, and brings an existing topic up to them', async () => {
    const topic = `${TOPIC}.sized`;
    await createTopics(stack.kafkaBrokers, [{ topic, partitions: 1, retentionMs: 60_000 }]);
    const producer = kafka().producer();
    await producer.connect();
    const big = { topic, messages: [{ value: Buffer.alloc(2_000_000, 7) }] };
    // The broker's default record size is about 1 MB.
    await expect(producer.send(big)).rejects.toThrow(/larger than the max message size/);
    await createTopics(stack.kafkaBrokers, [{ topic, partitions: 1, retentionMs: 60_000, maxMessageBytes: 4 * 1024 * 1024 }]);
    await producer.send(big);
    await producer.disconnect();
    const admin = kafka().admin();
    await admin.connect();
    const { resources } = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms', 'max.message.bytes'] }],
      includeSynonyms: false,
    });
    await admin.disconnect();
    expect(Object.fromEntries(resources[0]!.configEntries.map((entry) => [entry.configName, entry.configValue]))).toEqual({
      'retention.ms': '60000',
      'max.message.bytes': String(4 * 1024 * 1024),
    });
  });

  it('carries a message from a producer to a consumer group, and keeps it through a Kafka outage', async () => {
    const producer = kafka().producer();
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: [{ key: 'alert-1', value: 'before the outage' }] });
    await producer.disconnect();
    expect(await readAll(kafka(), 'stack-int-before', 1)).toEqual(['before the outage']);

    if (!stack.kafka) throw new Error('expected a Kafka the stack controls');
    await stack.kafka.stop();
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await stack.kafka.start();

    const after = kafka().producer();
    await after.connect();
    await after.send({ topic: TOPIC, messages: [{ key: 'alert-2', value: 'after the outage' }] });
    await after.disconnect();
    // A new group reads from the beginning: the message from before the outage is still there.
    expect((await readAll(kafka(), 'stack-int-after', 2)).sort()).toEqual(['after the outage', 'before the outage']);
  }, 120_000);

  it('serves Postgres and creates a service database once', async () => {
    const server = new Client({ connectionString: stack.databaseUrl });
    await server.connect();
    expect((await server.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
    await server.end();

    const url = await ensureDatabase(stack.databaseUrl, 'stack_test');
    expect(await ensureDatabase(stack.databaseUrl, 'stack_test')).toBe(url);
    const database = new Client({ connectionString: url });
    await database.connect();
    expect((await database.query('select current_database() as name')).rows).toEqual([{ name: 'stack_test' }]);
    await database.end();
  });

  it('stops the broker and Postgres processes it started', async () => {
    const brokerPid = pidOf(cachePath('kafka', INSTANCE, 'server.properties'));
    const postgresPid = pidOf(cachePath('postgres', INSTANCE, 'data'));
    expect(brokerPid).toBeDefined();
    expect(postgresPid).toBeDefined();
    await stack.stop();
    expect(isProcessAlive(brokerPid!)).toBe(false);
    expect(isProcessAlive(postgresPid!)).toBe(false);
  }, 60_000);
});

/** Reads `count` messages of TOPIC from the beginning with a fresh consumer group. */
async function readAll(kafka: Kafka, groupId: string, count: number): Promise<string[]> {
  const consumer: Consumer = kafka.consumer({ groupId, sessionTimeout: 6_000, heartbeatInterval: 500 });
  const values: string[] = [];
  try {
    await consumer.connect();
    await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`only ${values.length}/${count} messages within 30 s`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          values.push(message.value?.toString() ?? '');
          if (values.length >= count) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    return values;
  } finally {
    await consumer.disconnect();
  }
}

/** Pid of the process whose command line mentions `marker`, from /proc. */
function pidOf(marker: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').includes(marker)) return Number(entry);
    } catch {
      // gone meanwhile
    }
  }
  return undefined;
}
