/**
 * Every record on some topics, each as its value and header values in one buffer: for
 * specs that search the broker for what must never be on it (a child's name).
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { E2ePlatform } from '@cpx/testing';

/** `name` is the client id and the prefix of a consumer group of its own. Waits 30 s at most for the records. */
export async function recordsOf(platform: E2ePlatform, topics: string[], name: string): Promise<Buffer[]> {
  const kafka = new Kafka({ clientId: name, ...platform.stack.kafkaConnection(), logLevel: logLevel.NOTHING });
  const kafkaAdmin = kafka.admin();
  await kafkaAdmin.connect();
  const offsets = await Promise.all(topics.map((topic) => kafkaAdmin.fetchTopicOffsets(topic)));
  await kafkaAdmin.disconnect();
  const expected = offsets.flat().reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  const consumer = kafka.consumer({ groupId: `${name}-${randomUUID()}` });
  const records: Buffer[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    if (expected === 0) resolve();
    void consumer.run({
      eachMessage: async ({ message }) => {
        records.push(Buffer.concat([message.value ?? Buffer.alloc(0), ...Object.values(message.headers ?? {}).map((header) => Buffer.from(String(header)))]));
        if (records.length >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return records;
}
