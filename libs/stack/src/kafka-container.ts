// Kafka in a container, for machines with a Docker engine: no Java or Maven needed.
// The same broker as the local one (kafka-broker.ts): the same server.properties
// (kafka-properties.ts), TLS material and SCRAM users made by the stack and kept with the
// instance, users added when the storage is formatted, ACLs applied by the stack.
// Loaded lazily: testcontainers takes ~0.4 s to import and most runs never need it.
import type { StartedTestContainer } from 'testcontainers';
import { RETENTION_CHECK_INTERVAL_MS, kafkaUserName } from '@cpx/contracts';
import { freePorts } from './free-port';
import { ensureLocalUsers, type KafkaAuth } from './kafka-auth';
import { newClusterId } from './kafka-broker';
import { renderServerProperties } from './kafka-properties';
import { waitForKafka } from './kafka-ready';
import { ensureKafkaTls } from './kafka-tls';
import { elapsed, stackLog } from './stack-log';
import { cachePath } from './workspace';

// Apache's own image (what docker-compose.yml runs); override with CPX_KAFKA_IMAGE.
const DEFAULT_IMAGE = 'apache/kafka:4.1.0';
const CLIENT_PORT = 9093;
const CONTROLLER_PORT = 9094;
const CONFIG_DIR = '/etc/cpx-kafka';

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

export async function startKafkaContainer(instance: string): Promise<ContainerKafka> {
  const startedAt = Date.now();
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  const image = process.env.CPX_KAFKA_IMAGE ?? DEFAULT_IMAGE;
  const dir = cachePath('kafka', `container-${instance}`);
  const tls = await ensureKafkaTls(`${dir}/tls`);
  const users = await ensureLocalUsers(`${dir}/users.json`);
  // A fixed host port (chosen free now) survives a container stop/start; a random
  // mapping could change and clients would lose the broker for good.
  const [hostPort] = await freePorts(1);
  const properties = renderServerProperties({
    port: CLIENT_PORT,
    controllerPort: CONTROLLER_PORT,
    logDir: '/var/lib/kafka/data',
    tls: { keystore: `${CONFIG_DIR}/broker-keystore.pem`, ca: `${CONFIG_DIR}/ca.pem` },
    broker: users.broker,
    superUsers: [`User:${kafkaUserName('admin')}`],
    retentionCheckIntervalMs: RETENTION_CHECK_INTERVAL_MS,
    bindHost: '0.0.0.0',
    advertised: `127.0.0.1:${hostPort}`,
  });
  const scram = Object.values(users).map(({ username, password }) => `--add-scram 'SCRAM-SHA-512=[name=${username},password=${password}]'`).join(' ');
  // Formats once (the users go in then), and starts; a restarted container skips the format.
  const script = [
    `/opt/kafka/bin/kafka-storage.sh format --ignore-formatted --cluster-id=${newClusterId()} -c ${CONFIG_DIR}/server.properties ${scram}`,
    `exec /opt/kafka/bin/kafka-server-start.sh ${CONFIG_DIR}/server.properties`,
  ].join(' && ');
  const container: StartedTestContainer = await new GenericContainer(image)
    .withExposedPorts({ container: CLIENT_PORT, host: hostPort! })
    .withCopyContentToContainer([{ content: properties, target: `${CONFIG_DIR}/server.properties`, mode: 0o644 }])
    .withCopyFilesToContainer([
      { source: tls.keystore, target: `${CONFIG_DIR}/broker-keystore.pem`, mode: 0o644 },
      { source: tls.ca, target: `${CONFIG_DIR}/ca.pem`, mode: 0o644 },
    ])
    .withEnvironment({ KAFKA_HEAP_OPTS: '-Xms256m -Xmx512m' })
    .withEntrypoint(['/bin/sh', '-c'])
    .withCommand([script])
    .withWaitStrategy(Wait.forLogMessage(/Kafka Server started/))
    .withStartupTimeout(120_000)
    .start();
  const brokers = [`127.0.0.1:${hostPort}`];
  const auth: KafkaAuth = { tls: true, caFile: tls.ca, credentials: users, principalsFile: `${dir}/users.json` };
  await waitForKafka(brokers, { timeoutMs: 90_000, auth });
  stackLog(`Kafka container (${image}) ready at ${brokers[0]} (${elapsed(startedAt)})`);

  const client = await getContainerRuntimeClient();
  const handle = () => client.container.getById(container.getId());
  return {
    brokers,
    auth,
    // Stop and start the same container: its data and the port mapping stay.
    async stop() {
      await client.container.stop(handle(), { timeout: 20_000 });
    },
    async start() {
      await client.container.start(handle());
      await waitForKafka(brokers, { timeoutMs: 90_000, auth });
    },
    async close() {
      await container.stop();
    },
  };
}
