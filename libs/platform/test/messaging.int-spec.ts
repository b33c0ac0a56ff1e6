/**
 * The messaging guarantees, on a real broker and a real Postgres:
 * - the outbox relay publishes every committed event, in order per aggregate, as a
 *   CloudEvent, and loses nothing while Kafka is down for 10 s;
 * - an event handler runs once per event (inbox), and a poison event goes to the
 *   dead-letter topic after bounded retries without blocking the partition; an event
 *   whose ce_source is not its topic's owner, or that its handler refuses, is
 *   dead-lettered at once and changes nothing;
 * - the database helpers beside them: the notification listener, prepared queries.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { INestMicroservice } from '@nestjs/common';
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { AgencyRegisteredSchema, DirectoryEvents, TOPICS } from '@cpx/contracts';
import { startStack, type Stack } from '@cpx/stack';
import { EventReader } from '@cpx/testing';
import { Kafka, logLevel } from 'kafkajs';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import {
  closeEventHandling,
  cloudEventHeaders,
  configureEventHandling,
  CreateMessagingTables1764370000000,
  databaseUrl,
  HandleEvents,
  NotificationListener,
  openServiceDatabase,
  OutboxRelay,
  queryPrepared,
  ReceivedEvent,
  recordEvent,
  serviceTransport,
  statementName,
  UnappliableEvent,
} from '../src';

jest.setTimeout(180_000);

let stack: Stack;
let dataSource: DataSource;
let dbUrl: string;

beforeAll(async () => {
  stack = await startStack({ instance: 'int-platform', fresh: true, topics: TOPICS });
  const database = `cpx_platform_int_${randomBytes(3).toString('hex')}`;
  dataSource = await openServiceDatabase({
    serverUrl: stack.databaseUrl,
    database,
    entities: [],
    migrations: [CreateMessagingTables1764370000000],
  });
  dbUrl = databaseUrl(stack.databaseUrl, database);
  await dataSource.query('CREATE TABLE handled (event_id text, aggregate text)');
});

afterAll(async () => {
  await dataSource?.destroy();
  await stack?.stop();
});

function agencyEvent(manager: EntityManager, aggregateId: string, sequence: number) {
  return recordEvent(manager, {
    topic: DirectoryEvents.topic,
    event: DirectoryEvents.types.agencyRegistered,
    aggregateId,
    subject: `agencies/${aggregateId}`,
    data: { agency: { id: aggregateId, name: `agency ${sequence}` }, actorSubject: 'test' },
  });
}

function relay(): OutboxRelay {
  // As the directory (its principal may write its events topic, and nobody else's).
  return new OutboxRelay({
    databaseUrl: dbUrl,
    brokers: stack.kafkaBrokers,
    security: stack.kafkaSecurity('directory'),
    source: DirectoryEvents.source,
    clientId: 'cpx-test-outbox',
    pollIntervalMs: 200,
  });
}

describe('outbox relay', () => {
  it('refuses to record an event outside a transaction', async () => {
    await expect(agencyEvent(dataSource.manager, randomUUID(), 0)).rejects.toThrow(/inside the transaction/);
  });

  it('publishes committed events in order, keyed by aggregate, and none from a rolled-back transaction', async () => {
    const reader = await EventReader.start(stack.kafkaConnection(), [DirectoryEvents.topic]);
    const publisher = relay();
    publisher.start();
    try {
      const aggregate = randomUUID();
      for (let sequence = 0; sequence < 5; sequence += 1) {
        await dataSource.transaction((manager) => agencyEvent(manager, aggregate, sequence));
      }
      await dataSource
        .transaction(async (manager) => {
          await agencyEvent(manager, aggregate, 99);
          throw new Error('rolled back');
        })
        .catch(() => undefined);
      await reader.waitFor(() => reader.seen.filter((event) => event.key === aggregate).length >= 5);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const mine = reader.seen.filter((event) => event.key === aggregate);
      expect(mine.map((event) => event.cloudEvent?.type)).toEqual(Array(5).fill('cpx.directory.v1.AgencyRegistered'));
      expect(mine.map((event) => decodeName(event.value))).toEqual(['agency 0', 'agency 1', 'agency 2', 'agency 3', 'agency 4']);
      expect(mine[0].headers).toMatchObject({ ce_specversion: '1.0', ce_source: '/cpx/directory', 'content-type': 'application/protobuf' });
    } finally {
      await publisher.stop();
      await reader.close();
    }
  });

  it('loses no event written while Kafka is down for 10 s', async () => {
    if (!stack.kafka) return expect(process.env.KAFKA_BROKERS).toBeDefined(); // an external Kafka cannot be stopped by a test
    const publisher = relay();
    publisher.start();
    const aggregate = randomUUID();
    const written: number[] = [];
    try {
      await stack.kafka.stop();
      const outageEnds = Date.now() + 10_000;
      let sequence = 0;
      while (Date.now() < outageEnds) {
        await dataSource.transaction((manager) => agencyEvent(manager, aggregate, sequence));
        written.push(sequence);
        sequence += 1;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      const pending = await dataSource.query('SELECT count(*)::int AS n FROM cpx_outbox WHERE published_at IS NULL AND record_key = $1', [aggregate]);
      expect(pending[0].n).toBe(written.length);
      await stack.kafka.start();
      const reader = await readAll(aggregate, written.length);
      expect(reader).toEqual(written.map((n) => `agency ${n}`));
    } finally {
      await publisher.stop();
    }
  });
});

/** Reads the whole events topic from the beginning and returns one aggregate's names in order. */
async function readAll(aggregate: string, expected: number): Promise<string[]> {
  const kafka = new Kafka({ clientId: 'cpx-test-read-all', ...stack.kafkaConnection(), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `cpx-test-${randomUUID()}` });
  const names: string[] = [];
  await consumer.connect();
  await consumer.subscribe({ topic: DirectoryEvents.topic, fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key?.toString() !== aggregate) return;
        names.push(decodeName(message.value ?? Buffer.alloc(0)));
        if (names.length >= expected) resolve();
      },
    });
  });
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 60_000))]);
  await consumer.disconnect();
  return names;
}

function decodeName(value: Buffer): string {
  return fromBinary(AgencyRegisteredSchema, value).agency?.name ?? '';
}

// ---- an event consumer with inbox and dead-lettering ----

const POISON = 'poison';
const REFUSED = 'refused by the handler';

@Controller()
class RecordingHandler {
  @HandleEvents(DirectoryEvents.topic)
  async onEvent(event: ReceivedEvent, tx: EntityManager): Promise<void> {
    const registered = event.as(DirectoryEvents.types.agencyRegistered);
    if (registered?.agency?.name === POISON) throw new Error('cannot handle this one');
    if (registered?.agency?.name === REFUSED) throw new UnappliableEvent('this one must never be applied');
    await tx.query('INSERT INTO handled (event_id, aggregate) VALUES ($1, $2)', [event.attributes.id, event.key]);
  }
}

@Module({ controllers: [RecordingHandler] })
class RecordingModule {}

describe('event handling', () => {
  let app: INestMicroservice;

  beforeAll(async () => {
    // As the alerts service, a consumer of the directory's events, under its own ACLs.
    const groupId = `cpx-alerts-test-${randomUUID()}`;
    const security = stack.kafkaSecurity('alerts');
    configureEventHandling({ dataSource, brokers: stack.kafkaBrokers, security, clientId: 'cpx-test', groupId, maxAttempts: 3, backoffMs: 50 });
    app = await NestFactory.createMicroservice(RecordingModule, {
      ...serviceTransport({ service: 'test', brokers: stack.kafkaBrokers, security, groupId }),
      logger: ['error'],
    });
    await app.listen();
  });

  afterAll(async () => {
    await app?.close();
    await closeEventHandling();
  });

  async function produce(aggregate: string, name: string, id: string = randomUUID(), source: string = DirectoryEvents.source): Promise<string> {
    const producer = new Kafka({ clientId: 'cpx-test-producer', ...stack.kafkaConnection(), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    await producer.send({
      topic: DirectoryEvents.topic,
      messages: [
        {
          key: aggregate,
          value: Buffer.from(toBinary(AgencyRegisteredSchema, create(AgencyRegisteredSchema, { agency: { id: aggregate, name } }))),
          headers: cloudEventHeaders({ id, source, type: 'cpx.directory.v1.AgencyRegistered', time: new Date(), subject: aggregate }),
        },
      ],
    });
    await producer.disconnect();
    return id;
  }

  async function handledCount(aggregate: string): Promise<number> {
    const rows = await dataSource.query('SELECT count(*)::int AS n FROM handled WHERE aggregate = $1', [aggregate]);
    return rows[0].n;
  }

  async function eventually(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('handles a redelivered event once', async () => {
    const aggregate = randomUUID();
    const id = await produce(aggregate, 'first');
    await produce(aggregate, 'first', id);
    await produce(aggregate, 'second');
    await eventually(async () => (await handledCount(aggregate)) >= 2);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await handledCount(aggregate)).toBe(2);
  });

  it('dead-letters a poison event with the error in its headers and keeps the partition moving', async () => {
    const dlq = await EventReader.start(stack.kafkaConnection(), [`${DirectoryEvents.topic}.dlq`]);
    try {
      const aggregate = randomUUID();
      const poisonId = await produce(aggregate, POISON);
      await produce(aggregate, 'after the poison');
      const dead = await dlq.waitFor((event) => event.headers.ce_id === poisonId, 30_000);
      expect(dead.headers['cpx-dlq-error']).toContain('cannot handle this one');
      expect(dead.headers['cpx-dlq-attempts']).toBe('3');
      expect(dead.headers['cpx-dlq-original-topic']).toBe(DirectoryEvents.topic);
      await eventually(async () => (await handledCount(aggregate)) === 1);
    } finally {
      await dlq.close();
    }
  });

  it('refuses an event whose ce_source is not the owner of its topic: dead-lettered at once, nothing handled', async () => {
    const dlq = await EventReader.start(stack.kafkaConnection(), [`${DirectoryEvents.topic}.dlq`]);
    try {
      const aggregate = randomUUID();
      const forgedId = await produce(aggregate, 'forged', randomUUID(), '/cpx/feeds');
      await produce(aggregate, 'genuine');
      const dead = await dlq.waitFor((event) => event.headers.ce_id === forgedId, 30_000);
      expect(dead.headers['cpx-dlq-error']).toMatch(/ce_source "\/cpx\/feeds" is not the owner of cpx\.directory\.v1\.events \(\/cpx\/directory\)/);
      expect(dead.headers['cpx-dlq-attempts']).toBe('0');
      await eventually(async () => (await handledCount(aggregate)) === 1);
      // Not even recorded in the inbox: the genuine event of that id would still be handled.
      expect(await dataSource.query('SELECT id FROM cpx_inbox WHERE id = $1', [forgedId])).toEqual([]);
    } finally {
      await dlq.close();
    }
  });

  it('dead-letters at once, unretried and rolled back, an event its handler refuses as unappliable', async () => {
    const dlq = await EventReader.start(stack.kafkaConnection(), [`${DirectoryEvents.topic}.dlq`]);
    try {
      const aggregate = randomUUID();
      const refusedId = await produce(aggregate, REFUSED);
      const dead = await dlq.waitFor((event) => event.headers.ce_id === refusedId, 30_000);
      expect(dead.headers['cpx-dlq-error']).toBe('UnappliableEvent: this one must never be applied');
      expect(dead.headers['cpx-dlq-attempts']).toBe('1');
      expect(await dataSource.query('SELECT id FROM cpx_inbox WHERE id = $1', [refusedId])).toEqual([]);
    } finally {
      await dlq.close();
    }
  });
});

describe('notification listener', () => {
  const channel = 'cpx_test_wake';

  function counting(): { listener: NotificationListener; count: () => number; next: (timeoutMs: number) => Promise<void> } {
    let count = 0;
    let waiter: (() => void) | undefined;
    const listener = new NotificationListener({
      databaseUrl: dbUrl,
      channel,
      onNotify: () => {
        count += 1;
        waiter?.();
      },
    });
    const next = (timeoutMs: number) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no notification within ${timeoutMs} ms`)), timeoutMs);
        waiter = () => {
          clearTimeout(timer);
          waiter = undefined;
          resolve();
        };
      });
    return { listener, count: () => count, next };
  }

  it('wakes when the notifying transaction commits, not before, and keeps listening after its connection is killed', async () => {
    const { listener, count, next } = counting();
    const connected = next(10_000);
    listener.start();
    try {
      // Connecting counts as a wake-up: rows may have arrived while nobody listened.
      await connected;
      const afterConnect = count();

      const runner = dataSource.createQueryRunner();
      await runner.connect();
      await runner.startTransaction();
      await runner.query(`SELECT pg_notify($1, '')`, [channel]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(count()).toBe(afterConnect);
      const heard = next(5_000);
      await runner.commitTransaction();
      await runner.release();
      await heard;

      // Postgres drops the listening connection (a restart, a failover): it comes back.
      const reconnected = next(15_000);
      await dataSource.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = $1`, [`LISTEN ${channel}`]);
      await reconnected;
      const again = next(5_000);
      await dataSource.query(`SELECT pg_notify($1, '')`, [channel]);
      await again;
    } finally {
      await listener.stop();
    }
  });

  it('refuses a channel name it would have to splice into SQL unsafely', () => {
    expect(() => new NotificationListener({ databaseUrl: dbUrl, channel: 'wake; DROP TABLE handled', onNotify: () => undefined })).toThrow(/Invalid notification channel/);
  });
});

describe('prepared queries', () => {
  const BY_NAME = `SELECT id, names, details, created_at FROM prepared_sample WHERE name = $1`;

  beforeAll(async () => {
    await dataSource.query('CREATE TABLE prepared_sample (id uuid PRIMARY KEY, name text, names text[], details jsonb, created_at timestamptz)');
  });

  it('returns the rows manager.query returns, from a statement prepared once per connection', async () => {
    const id = randomUUID();
    await dataSource.query(`INSERT INTO prepared_sample VALUES ($1, 'Јована', ARRAY['Јована', 'Ιωάννα'], '{"phone": "+381"}', now())`, [id]);
    await dataSource.transaction(async (tx) => {
      const prepared = await queryPrepared(tx, BY_NAME, ['Јована']);
      expect(prepared).toEqual(await tx.query(BY_NAME, ['Јована']));
      expect(prepared).toEqual([{ id, names: ['Јована', 'Ιωάννα'], details: { phone: '+381' }, created_at: expect.any(Date) }]);
      // Prepared on this transaction's connection, under the name derived from the text.
      const statements: { name: string }[] = await tx.query('SELECT name FROM pg_prepared_statements');
      expect(statements.map((statement) => statement.name)).toContain(statementName(BY_NAME));
      expect(await queryPrepared(tx, BY_NAME, ['Jovana'])).toEqual([]);
    });
    expect(await queryPrepared(dataSource.manager, BY_NAME, ['Јована'])).toHaveLength(1);
  });

  it('reads inside the transaction it is given: its own uncommitted rows, and nobody else’s', async () => {
    const name = `uncommitted ${randomUUID()}`;
    await dataSource.transaction(async (tx) => {
      await tx.query(`INSERT INTO prepared_sample (id, name) VALUES ($1, $2)`, [randomUUID(), name]);
      expect(await queryPrepared(tx, BY_NAME, [name])).toHaveLength(1);
      expect(await queryPrepared(dataSource.manager, BY_NAME, [name])).toHaveLength(0);
    });
  });

  it('fails as manager.query fails: a QueryFailedError carrying the driver’s error', async () => {
    const id = randomUUID();
    const insert = `INSERT INTO prepared_sample (id, name) VALUES ($1, $2)`;
    await queryPrepared(dataSource.manager, insert, [id, 'first']);
    const failure = await queryPrepared(dataSource.manager, insert, [id, 'again']).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError).driverError).toMatchObject({ code: '23505', constraint: 'prepared_sample_pkey' });
  });

  it('names a text the same way every time, and different texts apart', () => {
    expect(statementName(BY_NAME)).toBe(statementName(`${BY_NAME}`));
    expect(statementName(BY_NAME)).not.toBe(statementName(`${BY_NAME} LIMIT 1`));
    expect(statementName(BY_NAME)).toMatch(/^cpx_[0-9a-f]{16}$/);
  });
});

describe('service database', () => {
  it('ends a transaction left idle, and the locks it held go to whoever waits for them', async () => {
    const database = `cpx_platform_idle_${randomBytes(3).toString('hex')}`;
    const idle = await openServiceDatabase({ serverUrl: stack.databaseUrl, database, entities: [], migrations: [], idleInTransactionTimeoutMs: 500 });
    try {
      const hung = idle.createQueryRunner();
      await hung.connect();
      await hung.startTransaction();
      await hung.query('SELECT pg_advisory_xact_lock(4242)');
      // Another worker waits for the lock; the holder never comes back to its transaction.
      const waiter = idle.createQueryRunner();
      await waiter.connect();
      await waiter.query(`SET lock_timeout = '10s'`); // fail here, not hang, if the holder is never ended
      await waiter.query('SELECT pg_advisory_lock(4242)');
      await waiter.query('SELECT pg_advisory_unlock(4242)');
      await waiter.release();
      await expect(hung.query('SELECT 1')).rejects.toThrow();
      await hung.release().catch(() => undefined);
    } finally {
      await idle.destroy();
    }
  });
});
