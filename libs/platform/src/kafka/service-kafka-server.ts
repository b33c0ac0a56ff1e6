/**
 * A service's Kafka server: Nest's ServerKafka, reading the service's one request topic
 * (see requestTopicOf in @cpx/contracts) and routing each request by its operation header.
 *
 * Handlers keep their Nest patterns: `@HandleRequest` registers the operation's name
 * (`cpx.directory.v1.GetAgency`), `@HandleEvent` the events topic. Two things differ from
 * Nest's own server: what is subscribed (the topics behind those patterns: the request
 * topic once, whatever the number of operations) and where a request's pattern comes from
 * (its OPERATION_HEADER, on a request topic only; an event's pattern stays its topic).
 */
import { KafkaRequestDeserializer, ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer } from 'kafkajs';
import { OPERATION_HEADER, REQUEST_TOPICS, requestOperationNamed } from '@cpx/contracts';

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

export class ServiceKafkaServer extends ServerKafka {
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
}
