// Creates every CPX topic with its partitions on the brokers in KAFKA_BROKERS, and the
// platform's ACLs when given the admin principal's credentials, and exits.
// For deployments where the stack is not ours (docker compose, a shared cluster): run it
// before the services start, since they never rely on topic auto-creation. Security as
// the stack reads it (libs/stack/src/kafka-auth.ts): KAFKA_TLS, KAFKA_TLS_CA_FILE,
// CPX_KAFKA_PRINCIPALS_FILE (its `admin` entry).
import { TOPICS } from '@cpx/contracts';
import { applyAcls, createTopics, kafkaAuthFromEnv, waitForKafka } from '@cpx/stack';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set (host:port,host:port).');
  const replicationFactor = Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1);
  const auth = kafkaAuthFromEnv();
  await waitForKafka(brokers, { timeoutMs: 120_000, auth });
  await createTopics(brokers, TOPICS, { replicationFactor, auth });
  process.stdout.write(`${TOPICS.length} topics present on ${brokers.join(',')}\n`);
  if (auth?.credentials.admin) {
    await applyAcls(brokers, auth);
    process.stdout.write('Kafka ACLs of every CPX principal in force\n');
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
