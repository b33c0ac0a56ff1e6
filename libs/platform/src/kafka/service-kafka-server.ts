/**
 * A service's Kafka server: Nest's ServerKafka, reading the service's one request topic
 * (see requestTopicOf in @cpx/contracts) and routing each request by its operation header.
 *
 * Handlers keep their Nest patterns: `@HandleRequest` registers the operation's name
 * (`cpx.directory.v1.GetAgency`), `@HandleEvent` the events topic. Two things differ from
 * Nest's own server: what is subscribed (the topics behind those patterns: the request
 * topic once, whatever the number of operations) and where a request's pattern comes from
 * (its OPERATION_HEADER, on a request topic only; an event's pattern stays its topic).
 * And when a request is done, for kafkajs: once its reply is published, or at its deadline.
 */
import { Logger } from '@nestjs/common';
import { KafkaRequestDeserializer, ServerKafka, type KafkaContext, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, IHeaders } from 'kafkajs';
import { OPERATION_HEADER, REQUEST_TOPICS, requestOperationNamed } from '@cpx/contracts';
import { DEADLINE_HEADER } from '../auth-context/principal-signature';
import { authenticateRequest, forgetAuthenticated, ReplayedRequestError, rememberAuthenticated, requestPosition } from './handle-request.decorator';

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

/** The longest a request is waited for, its handler and then its reply (kafkajs retries a publish meanwhile). */
export const MAX_REPLY_WAIT_MS = 5_000;

/** Requests handled on past their deadline at once; one more is waited for as any other. */
export const MAX_RUNNING_PAST_DEADLINE = 16;

export class ServiceKafkaServer extends ServerKafka {
  private readonly log = new Logger(ServiceKafkaServer.name);
  /** Replies being published, by the position of the request they answer. */
  private readonly publishing = new Map<string, Promise<unknown>>();
  /** Requests still being handled after their deadline passed (nobody waits for them). */
  private readonly pastDeadline = new Set<Promise<unknown>>();

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
   *
   * A request holds more than its partition while it runs: kafkajs fetches again only once
   * every batch of a fetch is handled, so nothing else reaches this instance meanwhile. So
   * the wait, for the handler and then its reply, ends at the request's deadline (no caller
   * is left to read the reply after it), and after MAX_REPLY_WAIT_MS at most (well inside
   * the group's session timeout, which kafkajs' heartbeats between messages must keep).
   * A handler still running then finishes on its own; only nobody waits for it. Events
   * are handled in order, each to its end (their handlers retry, then dead-letter).
   */
  override async handleMessage(payload: EachMessagePayload): Promise<unknown> {
    if (!REQUEST_TOPIC_SET.has(payload.topic)) return super.handleMessage(payload);
    const position = requestPosition(payload.topic, payload.partition, payload.message.offset);
    if (this.isReplay(payload, position)) return undefined;
    try {
      return await this.answerWithinDeadline(payload);
    } finally {
      forgetAuthenticated(position);
    }
  }

  /**
   * Authenticates a request before Nest dispatches it, so that a replay (a correlation id
   * this instance has already taken on) gets no answer at all: an answer, even an error,
   * would reach the gateway under the id of the request it copies and could be taken for
   * that request's reply. A request that does not authenticate goes on to its handler,
   * which answers UNAUTHENTICATED.
   */
  private isReplay(payload: EachMessagePayload, position: string): boolean {
    const { headers } = payload.message;
    const operation = patternOf(payload.topic, headers?.[OPERATION_HEADER]);
    if (!requestOperationNamed(operation)) return false;
    try {
      rememberAuthenticated(position, authenticateRequest(operation, payload.message.value ?? new Uint8Array(), headers ?? {}));
      return false;
    } catch (error) {
      // Anything else (a bad signature, an expired one) is the handler's to answer.
      if (!(error instanceof ReplayedRequestError)) return false;
      this.log.warn(`${operation}: request ${error.correlationId} (${position}) was already taken on; this copy is dropped unanswered.`);
      return true;
    }
  }

  private async answerWithinDeadline(payload: EachMessagePayload): Promise<unknown> {
    const answering = this.answer(payload);
    let timer: NodeJS.Timeout | undefined;
    const deadlinePassed = new Promise<'deadline passed'>((resolve) => {
      timer = setTimeout(() => resolve('deadline passed'), replyWaitMs(payload.message.headers, Date.now()));
    });
    try {
      if ((await Promise.race([answering, deadlinePassed])) === 'deadline passed') {
        const running = answering.catch(() => undefined); // Nest has logged it; nobody is waiting any more
        // Back-pressure: past a few such handlers, wait as before rather than start more.
        if (this.pastDeadline.size >= MAX_RUNNING_PAST_DEADLINE) {
          await running;
        } else {
          this.pastDeadline.add(running);
          void running.then(() => this.pastDeadline.delete(running));
        }
      }
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Handles a request and waits until its reply is published (or failed to be). */
  private async answer(payload: EachMessagePayload): Promise<void> {
    const position = requestPosition(payload.topic, payload.partition, payload.message.offset);
    try {
      await super.handleMessage(payload);
    } finally {
      // Let the tick Nest queued run: it starts publishing the reply (see getPublisher).
      await new Promise((resolve) => process.nextTick(resolve));
      const publishing = this.publishing.get(position);
      this.publishing.delete(position);
      // A failed publish is Nest's to log, not ours to rethrow.
      if (publishing) await publishing.catch(() => undefined);
    }
  }

  override getPublisher(replyTopic: string, replyPartition: string, correlationId: string, context: KafkaContext) {
    const publish = super.getPublisher(replyTopic, replyPartition, correlationId, context);
    const position = requestPosition(context.getTopic(), context.getPartition(), context.getMessage().offset);
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

/** How long to wait for a request's handling and reply: until its deadline, at most MAX_REPLY_WAIT_MS. */
export function replyWaitMs(headers: IHeaders | undefined, now: number): number {
  const raw = headers?.[DEADLINE_HEADER];
  const deadline = Number(Buffer.isBuffer(raw) ? raw.toString('utf8') : raw);
  if (!Number.isFinite(deadline)) return MAX_REPLY_WAIT_MS;
  return Math.min(Math.max(deadline - now, 0), MAX_REPLY_WAIT_MS);
}
