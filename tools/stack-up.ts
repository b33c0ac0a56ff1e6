// Starts the CPX stack (Kafka + Postgres) and keeps it up until Ctrl-C:
//   sh scripts/node24.sh -r @swc-node/register tools/stack-up.ts [instance] [--fresh]
// Prints KAFKA_BROKERS and DATABASE_URL (and, for the authenticated broker, KAFKA_TLS,
// KAFKA_TLS_CA_FILE and CPX_KAFKA_PRINCIPALS_FILE, which a stack given KAFKA_BROKERS reads)
// as shell assignments on stdout, so another terminal can use them (`eval "$(...)"` style)
// or a script can read them.
import { startStack } from '@cpx/stack';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const instance = args.find((arg) => !arg.startsWith('--')) ?? 'dev';
  const stack = await startStack({ instance, fresh: args.includes('--fresh') });
  process.stdout.write(`KAFKA_BROKERS=${stack.kafkaBrokers.join(',')}\nDATABASE_URL=${stack.databaseUrl}\n`);
  const auth = stack.kafkaAuth;
  if (auth) {
    process.stdout.write(`KAFKA_TLS=${auth.tls}\n`);
    if (auth.caFile) process.stdout.write(`KAFKA_TLS_CA_FILE=${auth.caFile}\n`);
    if (auth.principalsFile) process.stdout.write(`CPX_KAFKA_PRINCIPALS_FILE=${auth.principalsFile}\n`);
  }
  process.stderr.write('[stack] up; Ctrl-C stops it\n');

  // Stay up even when nothing of ours runs (KAFKA_BROKERS and DATABASE_URL both given).
  const keepAlive = setInterval(() => undefined, 1 << 30);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return; // a second Ctrl-C while stopping: the exit handler finishes the job
    stopping = true;
    clearInterval(keepAlive);
    process.stderr.write(`[stack] ${signal}: stopping\n`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
