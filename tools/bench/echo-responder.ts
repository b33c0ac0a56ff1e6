// The floor under every gateway read: a raw kafkajs request/reply round trip on the same
// broker, with no NestJS, no protobuf, no principal and no database. A responder echoes
// each request to the reply topic; the requester matches replies to callers by
// correlation id. Both mirror what the platform's request path does on the wire (Nest's
// ClientKafka and ServerKafka): the same client settings, the kafka_* headers, replies to
// the lowest reply partition the requester owns, and the same consumer concurrency, so
// the gap between this and a gateway read is the platform's own cost.
//
// The responder runs in a process of its own (this file is also its entry point), as the
// directory runs apart from the gateway: in one process both ends would share one event
// loop, which is not the path being compared.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PARTITIONS } from '@cpx/contracts';
import { CONSUMER_GROUP_SETTINGS, kafkaClientConfig, ReplyPosition, type KafkaSecurity } from '@cpx/platform';
import { createTopics, type KafkaAuth } from '@cpx/stack';
import { Kafka, type Consumer } from 'kafkajs';

/** Bench-only topics, partitioned like the platform's request and reply topics. */
export const ECHO_TOPIC = 'cpx.bench.v1.Echo';
export const ECHO_REPLY_TOPIC = 'cpx.bench.v1.EchoReplies';

// The header names of Nest's KafkaHeaders, so the messages look like the platform's.
const CORRELATION_ID = 'kafka_correlationId';
const REPLY_TOPIC = 'kafka_replyTopic';
const REPLY_PARTITION = 'kafka_replyPartition';

const GROUP_JOIN_TIMEOUT_MS = 30_000;

export interface EchoResponder {
  close(): Promise<void>;
}

const READY_LINE = 'echo responder ready';
const SPAWN_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** The responder process's Kafka security (TLS, the tools principal), as JSON. */
const SECURITY_VARIABLE = 'CPX_BENCH_KAFKA_SECURITY';

/** Starts the responder as a child process; resolves once its consumer group has joined. */
export async function spawnEchoResponder(brokers: string[], security: KafkaSecurity, workspaceRoot: string): Promise<EchoResponder> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename, brokers.join(',')], {
    cwd: workspaceRoot,
    env: { ...process.env, SWC_NODE_PROJECT: path.join(workspaceRoot, 'tsconfig.json'), [SECURITY_VARIABLE]: JSON.stringify(security) },
    // stdin stays open: the child exits when it closes, so it cannot outlive the bench.
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`echo responder not ready after ${SPAWN_TIMEOUT_MS} ms`)), SPAWN_TIMEOUT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`echo responder exited with ${code} before it was ready`));
    });
  }).catch(async (error: unknown) => {
    child.kill('SIGKILL');
    await exited;
    throw error;
  });
  return {
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface EchoRequester {
  /** One round trip; resolves with the echoed bytes, rejects after `timeoutMs`. */
  request(payload: Buffer, timeoutMs: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function createEchoTopics(brokers: string[], auth: KafkaAuth | undefined): Promise<void> {
  await createTopics(
    brokers,
    [
      { topic: ECHO_TOPIC, partitions: PARTITIONS.request },
      { topic: ECHO_REPLY_TOPIC, partitions: PARTITIONS.reply },
    ],
    { auth },
  );
}

/** Runs until the process ends; `onGiveUp` when kafkajs stops retrying (the broker is gone). */
async function startEchoResponder(brokers: string[], security: KafkaSecurity, onGiveUp: () => void): Promise<void> {
  const kafka = new Kafka(kafkaClientConfig('cpx-bench-echo', brokers, security));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  // A group of its own per run: a responder of a killed earlier run cannot hold the
  // partitions until its session times out.
  const consumer = kafka.consumer({ groupId: `cpx-bench-echo-${randomUUID()}`, ...CONSUMER_GROUP_SETTINGS });
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: ECHO_TOPIC, fromBeginning: false });
  consumer.on(consumer.events.CRASH, ({ payload }) => {
    if (!payload.restart) onGiveUp();
  });
  const joined = groupJoined(consumer);
  await consumer.run({
    partitionsConsumedConcurrently: 6, // as serviceTransport
    eachMessage: async ({ message }) => {
      const headers = message.headers ?? {};
      const correlationId = headers[CORRELATION_ID];
      if (!correlationId) return;
      await producer.send({
        topic: String(headers[REPLY_TOPIC] ?? ECHO_REPLY_TOPIC),
        messages: [{ value: message.value, headers: { [CORRELATION_ID]: correlationId }, partition: Number(headers[REPLY_PARTITION] ?? 0) }],
      });
    },
  });
  await joined;
}

export async function connectEchoRequester(brokers: string[], security: KafkaSecurity): Promise<EchoRequester> {
  const kafka = new Kafka(kafkaClientConfig('cpx-bench-echo-client', brokers, security));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  // Unique per run, as the gateway's group is per process: replies go to partitions we own.
  const consumer = kafka.consumer({ groupId: `cpx-bench-echo-client-${randomUUID()}`, ...CONSUMER_GROUP_SETTINGS });
  const waiting = new Map<string, (reply: Buffer) => void>();
  await producer.connect();
  await consumer.connect();
  await consumer.subscribe({ topic: ECHO_REPLY_TOPIC, fromBeginning: false });
  const joined = groupJoined(consumer);
  await consumer.run({
    autoCommit: false, // as RequestClient: the position is committed once a second (below)
    eachMessage: async ({ message }) => {
      const correlationId = message.headers?.[CORRELATION_ID]?.toString();
      const resolve = correlationId ? waiting.get(correlationId) : undefined;
      resolve?.(message.value ?? Buffer.alloc(0));
    },
  });
  const assignment = await joined;
  const position = new ReplyPosition(consumer);
  const replyPartition = Math.min(...(assignment[ECHO_REPLY_TOPIC] ?? [0]));
  let sequence = 0;

  return {
    request(payload, timeoutMs) {
      const correlationId = `${process.pid}-${(sequence += 1)}`;
      return new Promise<Buffer>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(correlationId);
          reject(new Error(`no echo within ${timeoutMs} ms`));
        }, timeoutMs);
        waiting.set(correlationId, (reply) => {
          clearTimeout(timer);
          waiting.delete(correlationId);
          resolve(reply);
        });
        producer
          .send({
            topic: ECHO_TOPIC,
            messages: [
              {
                value: payload,
                headers: { [CORRELATION_ID]: correlationId, [REPLY_TOPIC]: ECHO_REPLY_TOPIC, [REPLY_PARTITION]: String(replyPartition) },
              },
            ],
          })
          .catch((error: unknown) => {
            clearTimeout(timer);
            waiting.delete(correlationId);
            reject(error);
          });
      });
    },
    async close() {
      position.stop();
      await consumer.disconnect();
      await producer.disconnect();
    },
  };
}

/**
 * Resolves once a round trip succeeds. A new group starts reading at the end of each
 * partition, and learns where that end is only on its first fetch after joining: a
 * message sent in between is never seen, so the first requests may go unanswered.
 */
export async function untilEchoAnswers(requester: EchoRequester, capMs: number): Promise<void> {
  const deadline = Date.now() + capMs;
  for (;;) {
    try {
      await requester.request(Buffer.from('ping'), 2_000);
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`echo responder not answering after ${capMs} ms: ${(error as Error).message}`, { cause: error });
      }
    }
  }
}

/** The partitions assigned when the consumer's group join completes (bounded wait). */
function groupJoined(consumer: Consumer): Promise<Record<string, number[]>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`consumer group not joined within ${GROUP_JOIN_TIMEOUT_MS} ms`)), GROUP_JOIN_TIMEOUT_MS);
    const remove = consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      clearTimeout(timer);
      remove();
      resolve(payload.memberAssignment);
    });
  });
}

/** Entry point of the responder process: `<brokers>` as its one argument. */
async function runResponderProcess(): Promise<void> {
  const security = JSON.parse(process.env[SECURITY_VARIABLE] ?? '{}') as KafkaSecurity;
  await startEchoResponder(process.argv[2]!.split(','), security, () => process.exit(1));
  // Stopped by SIGTERM, or by its stdin closing when the bench goes away. It exits at
  // once rather than leaving its group: kafkajs would first wait out a fetch (up to 5 s),
  // or retry for minutes if the broker is gone, and the group is used once anyway.
  process.once('SIGTERM', () => process.exit(0));
  process.stdin.once('end', () => process.exit(0));
  process.stdin.resume();
  process.stdout.write(`${READY_LINE}\n`);
}

if (require.main === module) {
  runResponderProcess().catch((error: unknown) => {
    process.stderr.write(`[bench echo] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
