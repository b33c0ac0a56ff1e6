/**
 * Kafka settings shared by every client and server, tuned for request/reply latency
 * and for quick recovery when a broker or a peer goes away.
 */
// Every process that talks to Kafka imports this module, so every kafkajs client gets the fix.
import './kafkajs-idle-loop-fix';
import { logLevel, type ConsumerConfig, type KafkaConfig } from 'kafkajs';
import { PARTITIONS } from '@cpx/contracts';
import { kafkaSockets } from './kafka-sockets';
import { ServiceKafkaServer } from './service-kafka-server';

/**
 * How a client authenticates: TLS (trusting `ssl.ca`, else the system's CAs) and this
 * application's SCRAM-SHA-512 user (PlatformConfig.kafkaSecurity). Empty for a plaintext
 * cluster without users.
 */
export type KafkaSecurity = Pick<KafkaConfig, 'ssl' | 'sasl'>;

export function kafkaClientConfig(clientId: string, brokers: string[], security: KafkaSecurity = {}): KafkaConfig {
  return {
    clientId,
    brokers,
    ...security,
    logLevel: logLevel.ERROR,
    connectionTimeout: 3_000,
    requestTimeout: 10_000,
    // Keep retrying for a long while: a broker restart must not kill a service.
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 1_000 },
    socketFactory: kafkaSockets,
  };
}

/**
 * Every CPX consumer group's settings: a member that stops heartbeating (a crash, a stopped
 * broker) is noticed within 10 s, and topics are never created by a subscription.
 */
export const CONSUMER_GROUP_SETTINGS = {
  sessionTimeout: 10_000,
  heartbeatInterval: 1_000,
  rebalanceTimeout: 10_000,
  allowAutoTopicCreation: false,
} as const satisfies Omit<ConsumerConfig, 'groupId'>;

/** Options for a service's Kafka server (its request and event handlers): a ServiceKafkaServer. */
export function serviceTransport(options: {
  service: string;
  brokers: string[];
  security?: KafkaSecurity;
  groupId: string;
}): { strategy: ServiceKafkaServer } {
  return {
    strategy: new ServiceKafkaServer({
      client: kafkaClientConfig(`cpx-${options.service}`, options.brokers, options.security),
      consumer: { groupId: options.groupId, ...CONSUMER_GROUP_SETTINGS },
      producer: { allowAutoTopicCreation: false },
      // A service's group is stable, so this matters only on its very first start: what
      // was sent before it joined (requests, events) is read rather than skipped.
      // Requests whose deadline has passed are refused unprocessed (signed deadline).
      subscribe: { fromBeginning: true },
      parser: { keepBinary: true },
      // As many requests at once as the request topic has partitions (events' batches share them).
      run: { partitionsConsumedConcurrently: PARTITIONS.request },
      postfixId: '',
    }),
  };
}
