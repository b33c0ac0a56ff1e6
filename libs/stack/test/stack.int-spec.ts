// The stack for real: a Kafka broker and an embedded Postgres, produce and consume, a
// Kafka outage with no data lost, the broker's authentication and ACLs, the platform's
// topics' retention settings, and the database helpers. The first run on a machine
// also resolves the Kafka jars with Maven, hence the long setup timeout.
import { connect as tlsConnect } from 'node:tls';
import { ConfigResourceTypes, Kafka, logLevel, type Consumer, type KafkaConfig } from 'kafkajs';
import {
  AlertsEvents,
  DirectoryEvents,
  REPLY_TOPICS,
  REQUEST_RETENTION_MS,
  REQUEST_SEGMENT_BYTES,
  REQUEST_SEGMENT_MS,
  REQUEST_TOPIC_RETENTION_MS,
  REQUEST_TOPICS,
  TOPICS,
} from '@cpx/contracts';
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
    stack = await startStack({ instance: INSTANCE, fresh: true, topics: [{ topic: TOPIC, partitions: 3 }, ...TOPICS] });
  }, 300_000);

  afterAll(async () => {
    await stack?.stop();
    for (const service of ['kafka', 'postgres']) rmSync(cachePath(service, INSTANCE), { recursive: true, force: true });
    process.env.KAFKA_BROKERS = saved.kafka;
    process.env.DATABASE_URL = saved.database;
    if (saved.kafka === undefined) delete process.env.KAFKA_BROKERS;
    if (saved.database === undefined) delete process.env.DATABASE_URL;
  }, 60_000);

  // This suite's own topics are no application's: it works as the admin principal.
  const kafka = () => new Kafka({ clientId: 'stack-int-spec', ...stack.kafkaConnection('admin'), logLevel: logLevel.ERROR });
  const quiet = (config: Omit<KafkaConfig, 'clientId'>) =>
    new Kafka({ clientId: 'stack-int-spec-intruder', logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 0 }, ...config });

  it('gives request and reply topics segments that roll, so their records are gone within REQUEST_RETENTION_MS; events keep the default', async () => {
    const admin = kafka().admin();
    await admin.connect();
    const names = ['retention.ms', 'segment.ms', 'segment.bytes', 'file.delete.delay.ms', 'max.message.bytes'];
    const { resources } = await admin.describeConfigs({
      resources: [...REQUEST_TOPICS, ...Object.values(REPLY_TOPICS), DirectoryEvents.topic].map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: names })),
      includeSynonyms: false,
    });
    const brokerConfig = await admin.describeConfigs({
      resources: [{ type: ConfigResourceTypes.BROKER, name: '1', configNames: ['log.retention.check.interval.ms'] }],
      includeSynonyms: false,
    });
    await admin.disconnect();
    const configs = Object.fromEntries(resources.map((resource) => [resource.resourceName, Object.fromEntries(resource.configEntries.map((entry) => [entry.configName, { value: entry.configValue, isDefault: entry.isDefault }]))]));
    for (const topic of [...REQUEST_TOPICS, ...Object.values(REPLY_TOPICS)]) {
      expect([topic, Object.fromEntries(Object.entries(configs[topic]!).map(([name, { value }]) => [name, value]))]).toEqual([topic, {
        'retention.ms': String(REQUEST_TOPIC_RETENTION_MS),
        'segment.ms': String(REQUEST_SEGMENT_MS),
        'segment.bytes': String(REQUEST_SEGMENT_BYTES),
        'file.delete.delay.ms': '1000',
        'max.message.bytes': String(4 * 1024 * 1024),
      }]);
    }
    const checkIntervalMs = Number(brokerConfig.resources[0]!.configEntries[0]!.configValue);
    // The oldest record of a segment waits for the segment to roll, its retention, a check and the file's deletion.
    expect(REQUEST_SEGMENT_MS + REQUEST_TOPIC_RETENTION_MS + checkIntervalMs + 1_000).toBeLessThanOrEqual(REQUEST_RETENTION_MS);
    // Events are kept as the broker keeps them by default (a week).
    expect(configs[DirectoryEvents.topic]!['retention.ms']).toEqual({ value: '604800000', isDefault: true });
    expect(configs[DirectoryEvents.topic]!['segment.ms']!.isDefault).toBe(true);
  });

  it('lets only the owner of an events topic write it: another service\'s principal is refused by the broker', async () => {
    const write = async (principal: 'directory' | 'feeds' | 'alerts', topic: string) => {
      const producer = quiet(stack.kafkaConnection(principal)).producer();
      await producer.connect();
      try {
        await producer.send({ topic, messages: [{ key: 'k', value: 'v' }] });
        return 'written';
      } catch (error) {
        // kafkajs names TOPIC_AUTHORIZATION_FAILED so when the metadata it asks before a send is refused.
        return /Not authorized to access topics/.test((error as Error).message) ? 'TOPIC_AUTHORIZATION_FAILED' : (error as Error).message;
      } finally {
        await producer.disconnect();
      }
    };
    expect(await write('directory', DirectoryEvents.topic)).toBe('written');
    expect(await write('feeds', DirectoryEvents.topic)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write('alerts', DirectoryEvents.topic)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await write('directory', AlertsEvents.topic)).toBe('TOPIC_AUTHORIZATION_FAILED');
  });

  it('lets a service read only what it consumes, in its own groups', async () => {
    const consume = async (groupId: string, topic: string, until: 'joined' | 'crashed' = 'joined') => {
      const consumer = quiet(stack.kafkaConnection('feeds')).consumer({ groupId, retry: { retries: 0 } });
      await consumer.connect();
      try {
        await consumer.subscribe({ topics: [topic] });
        const outcome = new Promise<string>((resolve) => {
          if (until === 'joined') consumer.on(consumer.events.GROUP_JOIN, () => resolve('joined'));
          setTimeout(() => resolve('neither joined nor crashed in 20 s'), 20_000);
          consumer.on(consumer.events.CRASH, ({ payload }) => resolve(`${(payload.error as { type?: string }).type ?? ''} ${payload.error.message}`));
        });
        await consumer.run({ eachMessage: async () => undefined });
        return await outcome;
      } catch (error) {
        return (error as Error).message;
      } finally {
        await consumer.disconnect();
      }
    };
    expect(await consume(`cpx-feeds-test-${process.pid}`, DirectoryEvents.topic)).toBe('joined');
    expect(await consume(`cpx-feeds-test-${process.pid}`, REPLY_TOPICS.gateway, 'crashed')).toMatch(/Not authorized to access topics|TOPIC_AUTHORIZATION_FAILED/);
    // The directory's group is not the feeds service's to join (kafkajs reports the refused
    // coordinator lookup, GROUP_AUTHORIZATION_FAILED, as not finding one).
    expect(await consume(`cpx-directory-test-${process.pid}`, DirectoryEvents.topic)).toMatch(/GROUP_AUTHORIZATION_FAILED|group coordinator/);
  });

  it('has no door without TLS and a user: plaintext, no user, a wrong password and the controller port are all refused', async () => {
    const security = stack.kafkaSecurity('admin');
    const tryAdmin = async (config: Omit<KafkaConfig, 'clientId'>) => {
      const admin = quiet(config).admin();
      try {
        await admin.connect();
        await admin.listTopics();
        return 'connected';
      } catch (error) {
        return (error as Error).name;
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    };
    expect(await tryAdmin({ brokers: stack.kafkaBrokers, ...security })).toBe('connected');
    expect(await tryAdmin({ brokers: stack.kafkaBrokers })).not.toBe('connected');
    expect(await tryAdmin({ brokers: stack.kafkaBrokers, ssl: security.ssl })).not.toBe('connected');
    expect(await tryAdmin({ brokers: stack.kafkaBrokers, ssl: security.ssl, sasl: { mechanism: 'scram-sha-512', username: 'cpx-admin', password: 'not-the-password' } })).not.toBe('connected');
    // The controller listener asks for a client certificate signed by the instance's CA,
    // whose key was deleted once the broker's was issued: a client without one is turned away.
    const properties = readFileSync(cachePath('kafka', INSTANCE, 'server.properties'), 'utf8');
    const controllerPort = Number(/CONTROLLER:\/\/127\.0\.0\.1:(\d+)/.exec(properties)![1]);
    const ca = readFileSync(cachePath('kafka', INSTANCE, 'tls', 'ca.pem'), 'utf8');
    const handshake = await new Promise<string>((resolve) => {
      const socket = tlsConnect({ host: '127.0.0.1', port: controllerPort, ca }, () => {
        // TLS 1.3 reports a refused client certificate after the handshake: read the alert.
        socket.once('data', () => resolve('answered'));
        socket.write(Buffer.from([0, 0, 0, 0]));
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      socket.once('close', () => resolve('closed'));
    });
    expect(handshake).toMatch(/CERTIFICATE_REQUIRED|BAD_CERTIFICATE|HANDSHAKE_FAILURE|ECONNRESET|closed/i);
    expect(handshake).not.toBe('answered');
    expect(readdirSync(cachePath('kafka', INSTANCE, 'tls')).sort()).toEqual(['broker-keystore.pem', 'ca.pem']);
  });

  it('creates topics with their partitions, idempotently, and grows them on request', async () => {
    await createTopics(stack.kafkaBrokers, [{ topic: TOPIC, partitions: 3 }], { auth: stack.kafkaAuth });
    await createTopics(stack.kafkaBrokers, [{ topic: `${TOPIC}.grown`, partitions: 1 }], { auth: stack.kafkaAuth });
    await createTopics(stack.kafkaBrokers, [{ topic: `${TOPIC}.grown`, partitions: 2 }], { auth: stack.kafkaAuth });
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
    await createTopics(stack.kafkaBrokers, [{ topic, partitions: 1, retentionMs: 60_000 }], { auth: stack.kafkaAuth });
    const producer = kafka().producer();
    await producer.connect();
    const big = { topic, messages: [{ value: Buffer.alloc(2_000_000, 7) }] };
    // The broker's default record size is about 1 MB.
    await expect(producer.send(big)).rejects.toThrow(/larger than the max message size/);
    await createTopics(stack.kafkaBrokers, [{ topic, partitions: 1, retentionMs: 60_000, maxMessageBytes: 4 * 1024 * 1024 }], { auth: stack.kafkaAuth });
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
