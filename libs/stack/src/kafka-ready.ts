// "Ready" means a client can do real work: an admin connects, the cluster answers a
// describe with at least one broker, and the group coordinator answers for a group. A
// log line only says the JVM got that far, and a container's logs are not ours to read.
// The coordinator step matters: on a fresh broker the first group lookup creates
// __consumer_offsets, and after a restart the coordinator reloads it; until then every
// consumer join fails with "The coordinator is loading" and kafkajs consumers crash,
// log errors and restart. Waiting here keeps that out of services and tests.
import { Kafka, logLevel } from 'kafkajs';
import { clientSecurity, type KafkaAuth } from './kafka-auth';
import { delay } from './process-guard';

export interface WaitForKafkaOptions {
  timeoutMs: number;
  /** How to authenticate (as the admin principal); unset: plaintext, no user. */
  auth?: KafkaAuth;
  /** Returns why waiting is pointless (the broker process died), to fail at once. */
  failure?: () => string | undefined;
}

export async function waitForKafka(brokers: string[], options: WaitForKafkaOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError = 'no answer yet';
  while (Date.now() < deadline) {
    const failure = options.failure?.();
    if (failure) throw new Error(failure);
    if (await probe(brokers, options.auth).then(
      () => true,
      (error: Error) => ((lastError = error.message), false),
    )) {
      return;
    }
    await delay(250);
  }
  throw new Error(`Kafka at ${brokers.join(',')} not ready after ${options.timeoutMs} ms (${lastError})`);
}

async function probe(brokers: string[], auth: KafkaAuth | undefined): Promise<void> {
  // Quiet and without retries: this loop is the retry, and kafkajs would log every refusal.
  const admin = new Kafka({
    clientId: 'cpx-stack-probe',
    brokers,
    ...clientSecurity(auth, 'admin'),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  }).admin();
  try {
    await admin.connect();
    const { brokers: members } = await admin.describeCluster();
    if (members.length === 0) throw new Error('cluster has no brokers yet');
    // Any group id will do: looking it up makes the broker create and load the offsets topic.
    await admin.describeGroups(['cpx-stack-probe']);
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
