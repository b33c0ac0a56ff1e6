// "Ready" means a client can do real work: an admin connects and the cluster answers a
// describe with at least one broker. A log line only says the JVM got that far, and a
// container's or a remote cluster's logs are not ours to read.
import { Kafka, logLevel } from 'kafkajs';
import { delay } from './process-guard';

export interface WaitForKafkaOptions {
  timeoutMs: number;
  /** Returns why waiting is pointless (the broker process died), to fail at once. */
  failure?: () => string | undefined;
}

export async function waitForKafka(brokers: string[], options: WaitForKafkaOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    const failure = options.failure?.();
    if (failure) throw new Error(failure);
    if (await describeCluster(brokers).then(
      () => true,
      (error: Error) => ((lastError = error.message), false),
    )) {
      return;
    }
    await delay(250);
  }
  throw new Error(`Kafka at ${brokers.join(',')} not ready after ${options.timeoutMs} ms (${lastError})`);
}

async function describeCluster(brokers: string[]): Promise<void> {
  // Quiet and without retries: this loop is the retry, and kafkajs would log every refusal.
  const admin = new Kafka({
    clientId: 'cpx-stack-probe',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const { brokers: members } = await admin.describeCluster();
    if (members.length === 0) throw new Error('cluster has no brokers yet');
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
