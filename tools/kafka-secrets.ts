// For docker-compose.yml: makes (once) the Kafka broker's TLS material, a SCRAM user per
// CPX principal, the broker's server.properties and start script, and one env file per
// application with its own credentials, in the folder given (the `kafka-secrets` volume).
// The same pieces as the local broker's (libs/stack), so compose runs the broker as the
// tests do: TLS + SCRAM-SHA-512 only, Kafka's ACLs (applied by tools/create-topics.ts).
import { createHash } from 'node:crypto';
import { chownSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { RETENTION_CHECK_INTERVAL_MS, kafkaUserName } from '@cpx/contracts';
import { ensureKafkaTls, ensureLocalUsers, newClusterId, renderServerProperties, SERVICES, serviceKafkaEnv, type KafkaAuth } from '@cpx/stack';

// The uid of `node` (the services) and of `appuser` (apache/kafka): both 1000.
const OWNER_UID = 1000;

async function main(): Promise<void> {
  const dir = path.resolve(process.argv[2] ?? '/kafka-secrets');
  const tls = await ensureKafkaTls(path.join(dir, 'tls'));
  const users = await ensureLocalUsers(path.join(dir, 'users.json'));
  const properties = renderServerProperties({
    port: 9093,
    controllerPort: 9094,
    logDir: '/var/lib/kafka/data',
    tls: { keystore: path.join(dir, 'tls', 'broker-keystore.pem'), ca: tls.ca },
    broker: users.broker,
    superUsers: [`User:${kafkaUserName('admin')}`],
    retentionCheckIntervalMs: RETENTION_CHECK_INTERVAL_MS,
    bindHost: '0.0.0.0',
    advertised: 'kafka:9093',
  });
  writeFileSync(path.join(dir, 'server.properties'), properties, { mode: 0o600 });
  // Formatted once with the users (kafkajs cannot add them later); a data volume formatted
  // before them, or with other users, is formatted again.
  const usersDigest = createHash('sha256').update(JSON.stringify(users)).digest('hex').slice(0, 16);
  const scram = Object.values(users).map(({ username, password }) => `--add-scram 'SCRAM-SHA-512=[name=${username},password=${password}]'`).join(' ');
  writeFileSync(
    path.join(dir, 'start.sh'),
    [
      'set -e',
      `if [ ! -f ${dir}/formatted-${usersDigest} ]; then`,
      '  rm -rf /var/lib/kafka/data/*',
      `  /opt/kafka/bin/kafka-storage.sh format --cluster-id=${newClusterId()} -c ${dir}/server.properties ${scram}`,
      `  touch ${dir}/formatted-${usersDigest}`,
      'fi',
      `exec /opt/kafka/bin/kafka-server-start.sh ${dir}/server.properties`,
      '',
    ].join('\n'),
    { mode: 0o700 },
  );
  const auth: KafkaAuth = { tls: true, caFile: tls.ca, credentials: users };
  for (const service of SERVICES) {
    const env = Object.entries(serviceKafkaEnv(auth, service)).map(([name, value]) => `${name}=${value}`);
    writeFileSync(path.join(dir, `${service}.env`), `${env.join('\n')}\n`, { mode: 0o600 });
  }
  if (process.getuid?.() === 0) {
    for (const name of ['', ...readdirSync(dir), ...readdirSync(path.join(dir, 'tls')).map((entry) => path.join('tls', entry))]) {
      chownSync(path.join(dir, name), OWNER_UID, OWNER_UID);
    }
  }
  process.stdout.write(`Kafka TLS material, users and settings ready in ${dir}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
