/**
 * What happens when parts of the platform go away, as they will in production:
 * - the directory service stops: the gateway answers SERVICE_UNAVAILABLE within its
 *   request timeout instead of hanging, and serves again once the service is back;
 * - Kafka stops for 10 s while users write: once it returns, every agency that exists
 *   in the directory has its AgencyRegistered event on the topic — none is lost, even
 *   for a write whose reply never reached the user.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { codes, startE2ePlatform, type E2ePlatform } from '@cpx/testing';

const REQUEST_TIMEOUT_MS = 2_000;
let platform: E2ePlatform;
let adminToken: string;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-faults', { CPX_REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS) });
  adminToken = await platform.token({ roles: ['platform_admin'] });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

const COUNTRIES = `query { countries { code } }`;
const REGISTER = `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { id } }`;

async function eventually<T>(attempt: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`not recovered within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

it('answers SERVICE_UNAVAILABLE within the timeout while the directory is down, and recovers', async () => {
  expect((await platform.query(COUNTRIES, {}, adminToken)).errors).toBeUndefined();
  await platform.services.directory.stop();

  const startedAt = Date.now();
  const response = await platform.query(COUNTRIES, {}, adminToken);
  const took = Date.now() - startedAt;
  expect(codes(response)).toEqual(['SERVICE_UNAVAILABLE']);
  expect(took).toBeLessThan(REQUEST_TIMEOUT_MS + 1_500);
  const ready = await fetch(`${platform.gatewayUrl}/ready`);
  expect(ready.status).toBe(503);

  platform.services.directory.start();
  await platform.waitUntilReady(60_000);
  const recovered = await eventually(async () => {
    const again = await platform.query(COUNTRIES, {}, adminToken);
    return again.errors ? undefined : again;
  }, 30_000);
  expect(recovered.data!.countries.length).toBeGreaterThanOrEqual(12);
}, 120_000);

it('loses no event when Kafka stops for 10 s during writes', async () => {
  if (!platform.stack.kafka) return expect(process.env.KAFKA_BROKERS).toBeDefined(); // an external cluster is not ours to stop
  const marker = `outage-${randomUUID().slice(0, 8)}`;
  const answered: string[] = [];
  let writing = true;
  let sequence = 0;
  const writer = (async () => {
    while (writing) {
      const response = await platform
        .query(REGISTER, { input: { name: `${marker} ${sequence++}`, type: 'NGO', country: 'MD' } }, adminToken)
        .catch(() => undefined);
      if (response?.data?.registerAgency) answered.push(response.data.registerAgency.id);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();

  await new Promise((resolve) => setTimeout(resolve, 2_000));
  await platform.stack.kafka.stop();
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  await platform.stack.kafka.start();
  // Keep writing until the platform serves again, then a little more.
  await eventually(async () => ((await platform.query(COUNTRIES, {}, adminToken)).errors ? undefined : true), 90_000);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  writing = false;
  await writer;

  // Everything the directory holds, including writes whose reply was lost in the outage.
  const stored = await platform.query(
    `query($text: String) { agencies(filter: { text: $text }, first: 100) { totalCount edges { node { id } } } }`,
    { text: marker },
    adminToken,
  );
  const storedIds: string[] = stored.data!.agencies.edges.map((edge: { node: { id: string } }) => edge.node.id);
  expect(answered.length).toBeGreaterThan(5);
  expect(storedIds).toEqual(expect.arrayContaining(answered));

  const published = await readEventKeys(storedIds.length, new Set(storedIds));
  expect([...published].sort()).toEqual([...storedIds].sort());
}, 180_000);

/** Reads the events topic from the beginning until it has seen every expected key. */
async function readEventKeys(expected: number, wanted: Set<string>): Promise<Set<string>> {
  const kafka = new Kafka({ clientId: 'cpx-e2e-reader', ...platform.stack.kafkaConnection(), logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId: `cpx-e2e-${randomUUID()}` });
  const seen = new Set<string>();
  await consumer.connect();
  await consumer.subscribe({ topic: 'cpx.directory.v1.events', fromBeginning: true });
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 60_000);
    void consumer.run({
      eachMessage: async ({ message }) => {
        const key = message.key?.toString();
        if (key && wanted.has(key) && message.headers?.ce_type?.toString() === 'cpx.directory.v1.AgencyRegistered') seen.add(key);
        if (seen.size >= expected) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return seen;
}
