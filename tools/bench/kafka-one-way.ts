// The floor under an alert reaching a recipient live: one message produced to Kafka and
// consumed from it, with nothing of CPX in between (no outbox, no protobuf, no NestJS, no
// GraphQL). The producer waits for acks from all in-sync replicas (acks=-1, as the outbox
// relay does); the consumer is in a group of its own, subscribed from the latest offset,
// with the settings of the gateway's live consumer. Both run in this process, so one
// clock times the message from send to eachMessage. The topic is bench-only and has the
// events topics' partition count; keys are random, as alert ids spread over partitions.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PARTITIONS } from '@cpx/contracts';
import { CONSUMER_GROUP_SETTINGS, kafkaClientConfig, type KafkaSecurity } from '@cpx/platform';
import { createTopics, type KafkaAuth } from '@cpx/stack';
import { Kafka } from 'kafkajs';
import { Deliveries } from './deliveries';
import type { Send } from './open-loop';

export const ONE_WAY_TOPIC = 'cpx.bench.v1.OneWay';
const SEQUENCE_HEADER = 'cpx_bench_seq';
// About an AlertPosted event's size (facts and audience, no identity).
export const ONE_WAY_PAYLOAD_BYTES = 256;
const SEND_TIMEOUT_MS = 10_000;
const FIRST_FETCH_CAP_MS = 30_000;
const GROUP_JOIN_TIMEOUT_MS = 30_000;

export interface OneWayKafka {
  /** Sends message `index`; its send and its arrival are noted in `deliveries` as String(index). */
  sender(deliveries: Deliveries): Send;
  close(): Promise<void>;
}

/** As the tools principal (`security`); the topic is created as the admin (`auth`). */
export async function connectOneWayKafka(brokers: string[], security: KafkaSecurity, auth: KafkaAuth | undefined): Promise<OneWayKafka> {
  await createTopics(brokers, [{ topic: ONE_WAY_TOPIC, partitions: PARTITIONS.events }], { auth });
  const kafka = new Kafka(kafkaClientConfig('cpx-bench-one-way', brokers, security));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  // As the gateway's live consumer (alert-events.consumer.ts): a group per process, from latest.
  const consumer = kafka.consumer({
    groupId: `cpx-bench-one-way-${randomUUID()}`,
    ...CONSUMER_GROUP_SETTINGS,
  });
  // Arrivals are noted where the latest sender notes its sends.
  let current = new Deliveries();
  const oneWay: OneWayKafka = {
    sender: (deliveries) => {
      current = deliveries;
      return async (index) => {
        const id = String(index);
        const payload = randomBytes(ONE_WAY_PAYLOAD_BYTES);
        deliveries.noteSent(id, performance.now());
        await withTimeout(
          producer.send({ topic: ONE_WAY_TOPIC, acks: -1, messages: [{ key: randomUUID(), value: payload, headers: { [SEQUENCE_HEADER]: id } }] }),
          SEND_TIMEOUT_MS,
          'produce',
        );
      };
    },
    async close() {
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
  try {
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic: ONE_WAY_TOPIC, fromBeginning: false });
    const joined = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumer group not joined within ${GROUP_JOIN_TIMEOUT_MS} ms`)), GROUP_JOIN_TIMEOUT_MS);
      const remove = consumer.on(consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        remove();
        resolve();
      });
    });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const at = performance.now();
        const id = message.headers?.[SEQUENCE_HEADER]?.toString();
        if (id !== undefined) current.noteArrived(id, { at });
      },
    });
    await joined;
    await untilConsuming(oneWay);
  } catch (error) {
    await oneWay.close().catch(() => undefined);
    throw error;
  }
  return oneWay;
}

/**
 * A new group learns where each partition ends only on its first fetch: a message sent
 * before that is never seen. Probes until one arrives, so that measuring starts after.
 */
async function untilConsuming(oneWay: OneWayKafka): Promise<void> {
  const probes = new Deliveries();
  const send = oneWay.sender(probes);
  const deadline = performance.now() + FIRST_FETCH_CAP_MS;
  for (let probe = -1; ; probe -= 1) {
    await send(probe);
    try {
      await probes.arrival(String(probe), 1_000);
      return;
    } catch (error) {
      if (performance.now() > deadline) throw new Error(`nothing consumed from ${ONE_WAY_TOPIC} after ${FIRST_FETCH_CAP_MS} ms`, { cause: error });
    }
  }
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} not acknowledged within ${timeoutMs} ms`)), timeoutMs)));
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}
