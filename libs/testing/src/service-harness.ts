/**
 * Runs one service in-process against real Kafka and Postgres, with a RequestClient to
 * call it exactly as the gateway does (signed principal, protobuf, reply topics), and an
 * event reader to see what it published. For `*.int-spec.ts` tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamicModule, INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { REPLY_TOPICS, TOPICS } from '@cpx/contracts';
import {
  CONSUMER_GROUP_SETTINGS,
  loadConfig,
  PlatformConfig,
  readCloudEvent,
  RequestClient,
  serviceGroupId,
  serviceTransport,
  type CloudEventAttributes,
} from '@cpx/platform';
import { KAFKA_PRINCIPALS, type KafkaPrincipal } from '@cpx/contracts';
import { newLocalKeys, startStack, type KafkaConnection, type KeyHolder, type LocalKeys, type Stack } from '@cpx/stack';
import { gatewayKeysOf, type GatewayKeys } from './gateway-keys';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

export interface ServiceHarness<C extends PlatformConfig> {
  stack: Stack;
  config: C;
  app: INestMicroservice;
  /** Starts one more instance of the service (same config, database and group): for races and restarts. */
  startInstance(): Promise<INestMicroservice>;
  requests: RequestClient;
  /** This run's keys; `gateway` signs, seals and opens as the gateway does. */
  keys: LocalKeys;
  gateway: GatewayKeys;
  events: EventReader;
  close(): Promise<void>;
}

export async function startServiceHarness<C extends PlatformConfig>(options: {
  service: string;
  configSchema: new () => C;
  module: (config: C) => DynamicModule;
  eventTopics: string[];
  env?: Record<string, string>;
}): Promise<ServiceHarness<C>> {
  const instance = `${options.service}_int_${randomBytes(3).toString('hex')}`;
  const stack = await startStack({ instance: `int-${options.service}`, fresh: true, topics: TOPICS });
  // Whatever started is stopped if a later step fails (a bad config, a module that does
  // not boot): a broker left running would fail every later suite of the run with
  // "instance in use".
  let events: EventReader | undefined;
  let requests: RequestClient | undefined;
  const instances: INestMicroservice[] = [];
  const closeAll = async () => {
    await requests?.close().catch(() => undefined);
    for (const instance of instances) await instance.close().catch(() => undefined);
    await events?.close();
    await stack.stop();
  };
  try {
    const keys = newLocalKeys('test-1');
    const gateway = await gatewayKeysOf(keys);
    const config = loadConfig(options.configSchema, {
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      // The service runs as its own Kafka principal, under the broker's ACLs.
      ...stack.kafkaEnv(principalOf(options.service)),
      DATABASE_URL: stack.databaseUrl,
      // The service's own keys only, as the stack gives them.
      ...keys.env[options.service as KeyHolder],
      CPX_INSTANCE: instance,
      CPX_MODE: 'test',
      LOG_LEVEL: 'warn',
      ...options.env,
    });
    events = await EventReader.start(stack.kafkaConnection(), options.eventTopics);
    const startInstance = async () => {
      const started = await NestFactory.createMicroservice(options.module(config), {
        ...serviceTransport({ service: options.service, brokers: stack.kafkaBrokers, security: config.kafkaSecurity, groupId: serviceGroupId(options.service) }),
        logger: ['error', 'warn'],
      });
      instances.push(started);
      await started.listen();
      return started;
    };
    const app = await startInstance();
    requests = new RequestClient({
      brokers: stack.kafkaBrokers,
      security: stack.kafkaSecurity('tools'),
      groupId: `cpx-test-${randomUUID()}`,
      clientId: 'cpx-test',
      principalSigner: gateway.signer,
      timeoutMs: 10_000,
      replyTopic: REPLY_TOPICS.tools,
    });
    await requests.connect();
    return { stack, config, app, startInstance, requests, keys, gateway, events, close: closeAll };
  } catch (error) {
    await closeAll().catch(() => undefined);
    throw error;
  }
}

function principalOf(service: string): KafkaPrincipal {
  const principal = KAFKA_PRINCIPALS.find((name) => name === service);
  if (!principal) throw new Error(`${service} has no Kafka principal (@cpx/contracts KAFKA_PRINCIPALS)`);
  return principal;
}

export interface SeenEvent {
  topic: string;
  key: string | undefined;
  value: Buffer;
  headers: Record<string, string>;
  cloudEvent: CloudEventAttributes | undefined;
}

/** Reads topics from the end, collecting every record, so tests can wait for one. */
export class EventReader {
  readonly seen: SeenEvent[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly consumer: Consumer) {}

  /** As the principal of `connection` (the stack's kafkaConnection(): the tools'). */
  static async start(connection: KafkaConnection, topics: string[]): Promise<EventReader> {
    const kafka = new Kafka({ clientId: 'cpx-test-reader', ...connection, logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `cpx-test-reader-${randomUUID()}`, ...CONSUMER_GROUP_SETTINGS });
    const reader = new EventReader(consumer);
    await consumer.connect();
    // From the beginning: test stacks are fresh, so the topic holds only this run's records,
    // and a consumer that restarts during startup (a broker still electing leaders) would
    // otherwise resolve "latest" again and skip what was written in between.
    await consumer.subscribe({ topics, fromBeginning: true });
    // "Latest" is resolved on the first fetch, not at the join: wait for that fetch, or
    // records written just after the join would be skipped.
    let fetched: () => void = () => undefined;
    const hasFetched = new Promise<void>((resolve) => (fetched = resolve));
    consumer.on(consumer.events.FETCH, () => fetched());
    await consumer.run({
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        reader.seen.push({
          topic,
          key: message.key?.toString(),
          value: message.value ?? Buffer.alloc(0),
          headers,
          cloudEvent: readCloudEvent(headers),
        });
        reader.waiters.splice(0).forEach((wake) => wake());
      },
    });
    await hasFetched;
    return reader;
  }

  /** Resolves with the first seen record matching, waiting up to `timeoutMs`. */
  async waitFor(match: (event: SeenEvent) => boolean, timeoutMs = 15_000): Promise<SeenEvent> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.seen.find(match);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`No matching event within ${timeoutMs} ms (saw ${this.seen.length})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async close(): Promise<void> {
    await this.consumer.disconnect().catch(() => undefined);
  }
}

/** Runs an action expected to fail with a DomainError; returns its code and field. */
export async function failureOf(action: () => Promise<unknown>): Promise<{ code: string; field?: string; message: string }> {
  try {
    await action();
  } catch (error) {
    const { code, field, message } = error as { code?: string; field?: string; message: string };
    return { code: code ?? 'not a DomainError', field, message };
  }
  throw new Error('Expected the action to fail, and it succeeded.');
}
