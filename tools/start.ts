// `npm start`: the whole CPX platform on this machine, with demo data.
// Kafka and Postgres come from KAFKA_BROKERS / DATABASE_URL when set, else a local
// broker (Java) or container (Docker) and embedded Postgres; data persists in .cache/
// between runs. Ctrl-C stops everything it started.
import path from 'node:path';
import { startPlatform, type KafkaAuth } from '@cpx/stack';
import { seedDemoDirectory } from './demo/seed-directory';

async function main(): Promise<void> {
  const startedAt = Date.now();
  const root = path.resolve(__dirname, '..');
  const identityDir = path.join(root, '.cpx', 'local-identity');
  const platform = await startPlatform({
    instance: 'dev',
    identityDir,
    mode: 'local',
    gatewayPort: Number(process.env.PORT ?? 4000),
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`\n[cpx] ${signal}: stopping the platform...\n`);
    platform.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const readyMs = Date.now() - startedAt;
  const users = await seedDemoDirectory(platform.graphqlUrl, identityDir);
  const logDir = path.dirname(platform.services.gateway.logFile);
  process.stdout.write(
    [
      '',
      `CPX is running (ready in ${(readyMs / 1000).toFixed(1)} s, demo data seeded).`,
      '',
      `  GraphQL     ${platform.graphqlUrl}   (POST; live updates over graphql-ws on the same path)`,
      `  Health      ${platform.gatewayUrl}/health   ${platform.gatewayUrl}/ready`,
      `  Kafka       ${platform.stack.kafkaBrokers.join(',')}${kafkaSecurityNote(platform.stack.kafkaAuth)}`,
      `  Logs        ${path.relative(root, logDir)}/`,
      '',
      '  A token for a demo user:   npm run token -- rs-worker',
      `  Demo users: ${Object.keys(users).join(', ')}`,
      '',
      '  Try it:',
      `    TOKEN=$(npm run -s token -- fr-worker)`,
      `    curl -s ${platform.graphqlUrl} -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \\`,
      `      -d '{"query":"{ whomToContact(country: \\"RS\\", alertKind: UNACCOMPANIED_MINOR) { reason professional { givenName familyName contacts { value } } } }"}'`,
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

/** Where a Kafka client of one's own finds the CA and the users (each service has its own). */
function kafkaSecurityNote(auth: KafkaAuth | undefined): string {
  if (!auth) return '   (plaintext, no users)';
  const root = path.resolve(__dirname, '..');
  return [
    `   (TLS + SCRAM-SHA-512`,
    auth.caFile ? `; CA ${path.relative(root, auth.caFile)}` : '',
    auth.principalsFile ? `; users ${path.relative(root, auth.principalsFile)}` : '',
    ')',
  ].join('');
}

main().catch((error: unknown) => {
  console.error(`[cpx] could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
