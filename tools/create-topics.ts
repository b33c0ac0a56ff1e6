// Creates every CPX topic with its partitions on the brokers in KAFKA_BROKERS, and exits.
// For deployments where the stack is not ours (docker compose, a shared cluster): run it
// before the services start, since they never rely on topic auto-creation.
import { TOPICS } from '@cpx/contracts';
import { createTopics, waitForKafka } from '@cpx/stack';

async function main(): Promise<void> {
  const brokers = (process.env.KAFKA_BROKERS ?? '').split(',').filter(Boolean);
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set (host:port,host:port).');
  const replicationFactor = Number(process.env.KAFKA_REPLICATION_FACTOR ?? 1);
  await waitForKafka(brokers, { timeoutMs: 120_000 });
  await createTopics(brokers, TOPICS, { replicationFactor });
  process.stdout.write(`${TOPICS.length} topics present on ${brokers.join(',')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
