/**
 * A service's Kafka server: Nest's ServerKafka, reading the service's one request topic
 * (see requestTopicOf in @cpx/contracts) and routing each request by its operation header.
 *
 * Handlers keep their Nest patterns: `@HandleRequest` registers the operation's name
 * (`cpx.directory.v1.GetAgency`), `@HandleEvent` the events topic. Two things differ from
 * Nest's own server: what is subscribed (the topics behind those patterns: the request
 * topic once, whatever the number of operations) and where a request's pattern comes from
 * (its OPERATION_HEADER, on a request topic only; an event's pattern stays its topic).
 * And one thing more: a request is done, for kafkajs, only once its reply is published.
 */
import { KafkaRequestDeserializer, ServerKafka, type KafkaContext, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, IHeaders } from 'kafkajs';
import { OPERATION_HEADER, REQUEST_TOPICS, requestOperationNamed } from '@cpx/contracts';
import { DEADLINE_HEADER } from '../auth-context/principal-signature';

const REQUEST_TOPIC_SET = new Set(REQUEST_TOPICS);

/**
 * The pattern of a message read from `topic`: on a request topic, the operation its header
 * names, if that operation is served on this topic; anything else gets a pattern no handler
 * has, so Nest answers "no handler" and nothing runs. Elsewhere (events), the topic.
 */
export function patternOf(topic: string, operationHeader: unknown): string {
  if (!REQUEST_TOPIC_SET.has(topic)) return topic;
  const name = Buffer.isBuffer(operationHeader) ? operationHeader.toString('utf8') : operationHeader;
  const operation = typeof name === 'string' ? requestOperationNamed(name) : undefined;
  return operation?.topic === topic ? operation.name : `${topic}: no such operation`;
}

/** The topic a handler's pattern is read from: an operation's service request topic, or the pattern itself. */
export function topicOf(pattern: string): string {
  return requestOperationNamed(pattern)?.topic ?? pattern;
}

class OperationRoutingDeserializer extends KafkaRequestDeserializer {
  override mapToSchema(data: Parameters<KafkaRequestDeserializer['mapToSchema']>[0], options?: Record<string, unknown>) {
    const packet = super.mapToSchema(data, options);
    const topic = options?.['channel'];
    if (typeof topic !== 'string') return packet;
    return { ...packet, pattern: patternOf(topic, data.headers?.[OPERATION_HEADER]) };
  }
}

type ServerKafkaOptions = Required<KafkaOptions>['options'];

/** The longest a request's handling waits for its reply to be published (kafkajs retries it meanwhile). */
export const MAX_REPLY_WAIT_MS = 5_000;

export class ServiceKafkaServer extends ServerKafka {
  /** Replies being published, by the position of the request they answer. */
  private readonly publishing = new Map<string, Promise<unknown>>();

  constructor(options: ServerKafkaOptions) {
    super({ ...options, deserializer: new OperationRoutingDeserializer() });
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    const patterns = [...this.messageHandlers.keys()];
    const topics = [...new Set(patterns.map(topicOf))];
    if (topics.length > 0) {
      await consumer.subscribe({ ...(this.options.subscribe ?? {}), topics });
    }
    await consumer.run({ ...(this.options.run ?? {}), eachMessage: this.getMessageHandler() });
  }

  /**
   * Nest queues a request's reply for the next tick and returns without waiting for it,
   * so kafkajs went on to commit the request's offset first: the commit reached the broker
   * ahead of the reply and the reply waited behind it (~0.4 ms of each read, traced here).
   * Waiting also means a service that dies before its reply went out has not committed
   * the request: it reads it again on restart (and refuses it if its deadline has passed).
   * The wait is bounded by the request's deadline (no caller is left to read the reply
   * after it) and by MAX_REPLY_WAIT_MS, well inside the group's session timeout.
   */
  override async handleMessage(payload: EachMessagePayload): Promise<unknown> {
    const position = positionOf(payload.topic, payload.partition, payload.message.offset);
    try {
      return await super.handleMessage(payload);
    } finally {
      // Let the tick Nest queued run: it starts publishing the reply (see getPublisher).
      await new Promise((resolve) => process.nextTick(resolve));
      const publishing = this.publishing.get(position);
      this.publishing.delete(position);
      if (publishing) await settledWithin(publishing, replyWaitMs(payload.message.headers, Date.now()));
    }
  }

  override getPublisher(replyTopic: string, replyPartition: string, correlationId: string, context: KafkaContext) {
    const publish = super.getPublisher(replyTopic, replyPartition, correlationId, context);
    const position = positionOf(context.getTopic(), context.getPartition(), context.getMessage().offset);
    return (data: unknown) => {
      const published = publish(data);
      this.publishing.set(position, published);
      return published;
    };
  }

  /**
   * Every CPX pattern is a plain string (an operation's name or an events topic), which is
   * its own route. Nest's version first tries `JSON.parse` on it for object patterns, and
   * the exception it throws and catches for every message cost ~0.1 ms a message here.
   */
  override getRouteFromPattern(pattern: string): string {
    return pattern;
  }
}

function positionOf(topic: string, partition: number, offset: string): string {
  return `${topic}/${partition}/${offset}`;
}

/** How long to wait for a reply: until the request's deadline, at most MAX_REPLY_WAIT_MS. */
export function replyWaitMs(headers: IHeaders | undefined, now: number): number {
  const raw = headers?.[DEADLINE_HEADER];
  const deadline = Number(Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
  if (!Number.isFinite(deadline)) return MAX_REPLY_WAIT_MS;
  return Math.min(Math.max(deadline - now, 0), MAX_REPLY_WAIT_MS);
}

/** Resolves when `work` settles (a failure is Nest's to log, not ours to rethrow) or after `ms`. */
function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    work.then(done, done);
  });
}
