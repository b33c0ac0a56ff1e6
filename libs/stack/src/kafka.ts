// Which Kafka the stack uses, in this order:
//   1. KAFKA_BROKERS (comma-separated host:port), used as is: CI services, a shared cluster;
//   2. a container, when a Docker engine answers;
//   3. the Kafka broker from Maven jars (Java 17+ and Maven needed, no Docker).
// Only 2 and 3 are ours to stop and start again; an external cluster is left alone.
import { kafkaAuthFromEnv, type KafkaAuth } from './kafka-auth';
import { hasContainerRuntime, startKafkaContainer } from './kafka-container';
import { startKafkaBroker } from './kafka-broker';
import { stackLog } from './stack-log';

export interface KafkaControl {
  /** Takes Kafka away, keeping its port and data (an outage). */
  stop(): Promise<void>;
  /** Brings it back on the same address with the same data; resolves once usable. */
  start(): Promise<void>;
}

export interface StartedKafka {
  brokers: string[];
  source: 'env' | 'container' | 'local';
  /** TLS and the principals' SCRAM users; undefined for an external cluster without them (plaintext). */
  auth: KafkaAuth | undefined;
  /** Undefined for an external cluster. */
  control: KafkaControl | undefined;
  close(): Promise<void>;
}

export interface StartKafkaOptions {
  instance: string;
  fresh?: boolean;
}

export async function startKafka(options: StartKafkaOptions): Promise<StartedKafka> {
  const fromEnv = parseBrokerList(process.env.KAFKA_BROKERS);
  if (fromEnv) {
    const auth = kafkaAuthFromEnv();
    stackLog(`Kafka from KAFKA_BROKERS: ${fromEnv.join(',')}${auth ? '' : ' (plaintext, no Kafka users: set KAFKA_TLS and CPX_KAFKA_PRINCIPALS_FILE for an authenticated cluster)'}`);
    return { brokers: fromEnv, source: 'env', auth, control: undefined, close: async () => undefined };
  }
  if (await hasContainerRuntime()) {
    const container = await startKafkaContainer(options.instance);
    return { brokers: container.brokers, source: 'container', auth: container.auth, control: container, close: () => container.close() };
  }
  const broker = await startKafkaBroker({ instance: options.instance, fresh: options.fresh });
  return { brokers: broker.brokers, source: 'local', auth: broker.auth, control: broker, close: () => broker.close() };
}

/** `host:port,host:port` -> list; blank or unset -> undefined. */
export function parseBrokerList(value: string | undefined): string[] | undefined {
  const brokers = (value ?? '').split(',').map((broker) => broker.trim()).filter(Boolean);
  return brokers.length > 0 ? brokers : undefined;
}
