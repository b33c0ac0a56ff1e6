/**
 * The one way a service reacts to another's domain events:
 * `@HandleEvents(DirectoryEvents.topic)` on a method `(event, transaction) => void`.
 *
 * - Idempotent: the inbox row (ce_source + ce_id) and the method's writes commit in one
 *   transaction, so a redelivered event is skipped and a half-handled one is redone.
 * - Bounded: a failing event is retried a few times, then written to `<topic>.dlq`
 *   with the error in its headers, and the partition moves on. An event handler never
 *   throws into Nest, since that would retry the same record forever (nestjs/nest#14664).
 * - From its owner only: an event whose `ce_source` is not the owner of the topic it came
 *   on (`/cpx/directory` for `cpx.directory.v1.events`) is logged and dead-lettered
 *   unhandled. The broker's ACLs already let only the owner write there; this holds if a
 *   principal is misconfigured, and names the forgery in the logs and the DLQ.
 * - A handler refuses an event it must not apply by throwing UnappliableEvent: logged and
 *   dead-lettered at once, not retried (it would be refused again).
 */
import { Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload, Transport } from '@nestjs/microservices';
import { fromBinary, type DescMessage, type MessageShape } from '@bufbuild/protobuf';
import { Kafka, type Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { eventSourceOf } from '@cpx/contracts';
import { readCloudEvent, type CloudEventAttributes } from './cloud-events';
import { queryPrepared } from '../database/prepared-query';
import { kafkaClientConfig, type KafkaSecurity } from './kafka-options';
import type { EventDefinition } from '../outbox/outbox';

export class ReceivedEvent {
  constructor(
    readonly attributes: CloudEventAttributes,
    readonly topic: string,
    readonly key: string | undefined,
    readonly payload: Uint8Array,
  ) {}

  get type(): string {
    return this.attributes.type;
  }

  /** Decodes the payload when the event is of this type, else returns undefined. */
  as<Desc extends DescMessage>(definition: EventDefinition<Desc>): MessageShape<Desc> | undefined {
    return this.attributes.type === definition.type ? fromBinary(definition.schema, this.payload) : undefined;
  }
}

/**
 * Thrown by an event handler for an event it must never apply (a replica's version that
 * jumps, ...): the transaction rolls back, and the event goes to the DLQ at once.
 */
export class UnappliableEvent extends Error {
  override readonly name = 'UnappliableEvent';
}

/** The owner's ce_source for events on `topic`, or why the event is refused. */
export function foreignSourceProblem(topic: string, source: string): string | undefined {
  const owner = eventSourceOf(topic);
  if (owner === undefined) return `${topic} is not an events topic of the registry: no owner to check ce_source against`;
  return source === owner ? undefined : `ce_source ${JSON.stringify(source.slice(0, 200))} is not the owner of ${topic} (${owner})`;
}

export type EventMethod = (event: ReceivedEvent, transaction: EntityManager) => Promise<void>;

export interface EventHandlingOptions {
  dataSource: DataSource;
  brokers: string[];
  security?: KafkaSecurity;
  clientId: string;
  groupId: string;
  /** Attempts before dead-lettering, and the first backoff (doubled per attempt). */
  maxAttempts?: number;
  backoffMs?: number;
}

const logger = new Logger('EventHandler');
let handling: (EventHandlingOptions & { producer?: Producer }) | undefined;

export function configureEventHandling(options: EventHandlingOptions): void {
  handling = { ...options };
}

export async function closeEventHandling(): Promise<void> {
  await handling?.producer?.disconnect().catch(() => undefined);
  if (handling) handling.producer = undefined;
}

export function HandleEvents(topic: string) {
  return (target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<EventMethod>): void => {
    const method = descriptor.value;
    if (!method) throw new Error(`@HandleEvents on ${String(key)}: not a method`);
    const adapter = async function (this: unknown, data: unknown, kafka: KafkaContext): Promise<void> {
      await consume(topic, (event, tx) => method.call(this, event, tx), data, kafka);
    };
    descriptor.value = adapter as unknown as EventMethod;
    // Nest reads the pattern from metadata on the function object, so it must be the adapter,
    // and it passes (payload, context) only to parameters declared as such.
    Payload()(target, key, 0);
    Ctx()(target, key, 1);
    EventPattern(topic, Transport.KAFKA)(target, key, descriptor as PropertyDescriptor);
  };
}

export async function consume(topic: string, method: EventMethod, data: unknown, kafka: KafkaContext): Promise<void> {
  if (!handling) throw new Error('configureEventHandling was not called at boot');
  const options = handling;
  const message = kafka.getMessage();
  const attributes = readCloudEvent(message.headers as Record<string, unknown>);
  const payload = Buffer.isBuffer(data) ? data : Buffer.isBuffer(message.value) ? message.value : Buffer.alloc(0);
  if (!attributes) {
    await deadLetter(topic, kafka, payload, new Error('not a CloudEvent (ce_* headers missing)'), 0);
    return;
  }
  const foreign = foreignSourceProblem(topic, attributes.source);
  if (foreign) {
    logger.warn(`Refused ${attributes.type} ${attributes.id.slice(0, 100)} on ${topic}: ${foreign}`);
    await deadLetter(topic, kafka, payload, new UnappliableEvent(foreign), 0);
    return;
  }
  const event = new ReceivedEvent(attributes, topic, message.key?.toString(), payload);
  const maxAttempts = options.maxAttempts ?? 4;
  let lastError: unknown;
  for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
    try {
      await options.dataSource.transaction(async (tx) => {
        const inserted = await queryPrepared(
          tx,
          `INSERT INTO cpx_inbox (source, id, event_type) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING RETURNING id`,
          [attributes.source, attributes.id, attributes.type],
        );
        if (inserted.length === 0) return; // already handled: a redelivery
        await method(event, tx);
      });
      return;
    } catch (error) {
      lastError = error;
      if (error instanceof UnappliableEvent) {
        logger.warn(`Refused ${attributes.type} ${attributes.id.slice(0, 100)} on ${topic}: ${error.message}`);
        await deadLetter(topic, kafka, payload, error, attempt);
        return;
      }
      if (attempt < maxAttempts) {
        await new Promise((resolve) => setTimeout(resolve, (options.backoffMs ?? 200) * 2 ** (attempt - 1)));
        await kafka.getHeartbeat()().catch(() => undefined);
      }
    }
  }
  await deadLetter(topic, kafka, payload, lastError, maxAttempts);
}

async function deadLetter(
  topic: string,
  kafka: KafkaContext,
  payload: Buffer,
  error: unknown,
  attempts: number,
): Promise<void> {
  const options = handling!;
  const message = kafka.getMessage();
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  logger.error(`Dead-lettering ${topic}[${kafka.getPartition()}]@${message.offset} after ${attempts} attempts: ${reason}`);
  const headers: Record<string, string | Buffer> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (typeof value === 'string' || Buffer.isBuffer(value)) headers[name] = value;
  }
  Object.assign(headers, {
    'cpx-dlq-error': reason.slice(0, 2_000),
    'cpx-dlq-attempts': String(attempts),
    'cpx-dlq-consumer-group': options.groupId,
    'cpx-dlq-original-topic': topic,
    'cpx-dlq-original-partition': String(kafka.getPartition()),
    'cpx-dlq-original-offset': String(message.offset),
  });
  // If the dead-letter write itself fails we must not commit the offset: throwing here
  // makes kafkajs redeliver, which is the only safe choice when nothing recorded the event.
  options.producer ??= await connectProducer(options);
  await options.producer.send({
    topic: `${topic}.dlq`,
    acks: -1,
    messages: [{ key: message.key, value: payload, headers }],
  });
}

async function connectProducer(options: EventHandlingOptions): Promise<Producer> {
  const kafka = new Kafka(kafkaClientConfig(`${options.clientId}-dlq`, options.brokers, options.security));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}
