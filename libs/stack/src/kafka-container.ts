// Kafka in a container, for machines with a Docker engine: no Java or Maven needed.
// Loaded lazily: testcontainers takes ~0.4 s to import and most runs never need it.
import type { StartedTestContainer } from 'testcontainers';
import { freePorts } from './free-port';
import type { KafkaAuth } from './kafka-auth';
import { waitForKafka } from './kafka-ready';
import { elapsed, stackLog } from './stack-log';

// cp-kafka 8.x runs KRaft; override with CPX_KAFKA_IMAGE to try another tag.
const DEFAULT_IMAGE = 'confluentinc/cp-kafka:8.0.0';
const KAFKA_CLIENT_PORT = 9093; // the listener @testcontainers/kafka publishes for the host

export interface ContainerKafka {
  brokers: string[];
  auth: KafkaAuth | undefined;
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

/** True when a container engine answers; testcontainers fails at once when none does. */
export async function hasContainerRuntime(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export async function startKafkaContainer(): Promise<ContainerKafka> {
  const startedAt = Date.now();
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const { getContainerRuntimeClient } = await import('testcontainers');
  const image = process.env.CPX_KAFKA_IMAGE ?? DEFAULT_IMAGE;
  // A fixed host port (chosen free now) survives a container stop/start; a random
  // mapping could change and clients would lose the broker for good.
  const [hostPort] = await freePorts(1);
  const container: StartedTestContainer = await new KafkaContainer(image)
    .withExposedPorts({ container: KAFKA_CLIENT_PORT, host: hostPort! })
    .withEnvironment({ KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false' })
    .start();
  const brokers = [`${container.getHost()}:${container.getMappedPort(KAFKA_CLIENT_PORT)}`];
  stackLog(`Kafka container (${image}) ready at ${brokers[0]} (${elapsed(startedAt)})`);

  const client = await getContainerRuntimeClient();
  const handle = () => client.container.getById(container.getId());
  return {
    brokers,
    auth: undefined,
    // Stop and start the same container: its data and the port mapping stay.
    async stop() {
      await client.container.stop(handle(), { timeout: 20_000 });
    },
    async start() {
      await client.container.start(handle());
      await waitForKafka(brokers, { timeoutMs: 90_000 });
    },
    async close() {
      await container.stop();
    },
  };
}
