// Seeds the demo directory into an already running platform (docker compose, a shared
// dev environment): GATEWAY_URL, and the local identity the gateway trusts.
import { waitForHttpOk } from '@cpx/stack';
import { seedDemoDirectory } from './demo/seed-directory';

async function main(): Promise<void> {
  const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:4000';
  const identityDir = process.env.CPX_LOCAL_IDENTITY_DIR ?? '.cpx/local-identity';
  await waitForHttpOk(`${gateway}/ready`, 180_000);
  const users = await seedDemoDirectory(`${gateway}/graphql`, identityDir);
  process.stdout.write(`Seeded. Demo users: ${Object.keys(users).join(', ')}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
