/**
 * Publishes outbox rows to Kafka in commit order, as CloudEvents with the aggregate id
 * as record key.
 *
 * - One relay per database publishes at a time (a Postgres advisory lock); others wait
 *   as hot standbys. A single publisher plus an idempotent producer with one request in
 *   flight keeps each aggregate's events in order.
 * - A row is marked published only after Kafka acknowledged it (acks=all). If Kafka is
 *   down, rows wait and the relay retries with backoff; if the relay dies after sending
 *   and before marking, the row is sent again: delivery is at-least-once, and consumers
 *   de-duplicate by ce_source + ce_id (the inbox).
 * - It wakes on NOTIFY from the insert trigger and also polls, so a lost notification
 *   costs at most one poll interval.
 */
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { Client } from 'pg';
import { statementName } from '../database/prepared-query';
import { cloudEventHeaders } from '../kafka/cloud-events';
import { kafkaClientConfig, type KafkaSecurity } from '../kafka/kafka-options';

// Run once per batch for as long as the service runs: prepared once per connection.
const NEXT_BATCH = `SELECT sequence, id, topic, record_key, event_type, subject, occurred_at, payload
  FROM cpx_outbox WHERE published_at IS NULL ORDER BY sequence LIMIT $1`;
const MARK_PUBLISHED = 'UPDATE cpx_outbox SET published_at = now() WHERE sequence = ANY($1::bigint[])';

export interface OutboxRelayOptions {
  databaseUrl: string;
  brokers: string[];
  security?: KafkaSecurity;
  /** ce_source of every event this service publishes, e.g. `/cpx/directory`. */
  source: string;
  clientId: string;
  pollIntervalMs?: number;
  batchSize?: number;
  /** Published rows older than this are deleted. */
  retainPublishedMs?: number;
}

interface OutboxRow {
  sequence: string;
  id: string;
  topic: string;
  record_key: string;
  event_type: string;
  subject: string;
  occurred_at: Date;
  payload: Buffer;
}

const RELAY_LOCK = 7_201_118;
const MAX_BACKOFF_MS = 5_000;

export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly kafka: Kafka;
  private producer: Producer | undefined;
  private client: Client | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** A notification arrived while the loop was busy: do not sleep on it. */
  private woken = false;
  private failures = 0;
  private lastPrune = 0;
  /** Number of events published since start; read by health checks and tests. */
  published = 0;

  constructor(private readonly options: OutboxRelayOptions) {
    this.kafka = new Kafka({
      ...kafkaClientConfig(options.clientId, options.brokers, options.security),
      logLevel: logLevel.NOTHING,
      // Few retries here: the relay's own loop retries a failed publish, with its backoff.
      retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1_000 },
    });
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.closeProducer();
    await this.closeClient();
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        const client = await this.connectedClient();
        const batch = await this.nextBatch(client);
        if (batch.length === 0) {
          await this.pruneIfDue(client);
          await this.sleep(this.options.pollIntervalMs ?? 1_000);
          continue;
        }
        await this.publish(batch);
        await client.query({ name: statementName(MARK_PUBLISHED), text: MARK_PUBLISHED, values: [batch.map((row) => row.sequence)] });
        this.published += batch.length;
        if (this.failures > 0) this.logger.log(`Publishing again after ${this.failures} failed attempts.`);
        this.failures = 0;
      } catch (error) {
        this.failures += 1;
        const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(this.failures, 6));
        if (this.failures === 1 || this.failures % 20 === 0) {
          this.logger.warn(`Outbox publish failed (${(error as Error).message}); retrying in ${delay} ms.`);
        }
        await this.closeProducer();
        if ((error as { isConnectionError?: boolean }).isConnectionError) await this.closeClient();
        await this.sleep(delay);
      }
    }
  }

  /** A dedicated connection that holds the relay lock and listens for new rows. */
  private async connectedClient(): Promise<Client> {
    if (this.client) return this.client;
    // keepAlive: a long-lived, mostly idle connection; one the network drops must be noticed.
    const client = new Client({ connectionString: this.options.databaseUrl, keepAlive: true });
    client.on('error', () => {
      // The next query fails and the loop reconnects; nothing else to do here.
      this.client = undefined;
    });
    client.on('notification', () => {
      this.woken = true;
      this.wake?.();
    });
    await client.connect();
    try {
      // Wait for the lock: whoever holds it is publishing; we take over if it dies.
      while (this.running) {
        const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
          RELAY_LOCK,
        ]);
        if (rows[0]?.locked) break;
        await this.sleep(1_000);
      }
      await client.query('LISTEN cpx_outbox');
    } catch (error) {
      await client.end().catch(() => undefined);
      throw Object.assign(error as Error, { isConnectionError: true });
    }
    this.client = client;
    return client;
  }

  private async nextBatch(client: Client): Promise<OutboxRow[]> {
    try {
      const { rows } = await client.query<OutboxRow>({ name: statementName(NEXT_BATCH), text: NEXT_BATCH, values: [this.options.batchSize ?? 200] });
      return rows;
    } catch (error) {
      throw Object.assign(error as Error, { isConnectionError: true });
    }
  }

  private async publish(batch: OutboxRow[]): Promise<void> {
    const producer = await this.connectedProducer();
    const byTopic = new Map<string, OutboxRow[]>();
    for (const row of batch) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    await producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic.entries()].map(([topic, rows]) => ({
        topic,
        messages: rows.map((row) => ({
          key: row.record_key,
          value: row.payload,
          headers: cloudEventHeaders({
            id: row.id,
            source: this.options.source,
            type: row.event_type,
            time: row.occurred_at,
            subject: row.subject,
          }),
        })),
      })),
    });
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer) return this.producer;
    const producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
    await producer.connect();
    this.producer = producer;
    return producer;
  }

  private async pruneIfDue(client: Client): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    const retainMs = this.options.retainPublishedMs ?? 24 * 3_600_000;
    await client.query(
      `DELETE FROM cpx_outbox WHERE published_at IS NOT NULL AND published_at < now() - ($1::text || ' milliseconds')::interval`,
      [String(retainMs)],
    );
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined = undefined;
      const done = (): void => {
        clearTimeout(timer);
        this.woken = false;
        this.wake = undefined;
        resolve();
      };
      timer = setTimeout(done, ms);
      this.wake = done;
    });
  }

  private async closeProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = undefined;
    await producer?.disconnect().catch(() => undefined);
  }

  private async closeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
