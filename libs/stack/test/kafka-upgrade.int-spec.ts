// A local broker kept from before Kafka had users (or formatted with other users) keeps
// working: the stack formats its storage again with the current users, and clients connect.
import { readFileSync, rmSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import { clientSecurity, startKafkaBroker } from '@cpx/stack';
import { cachePath } from '../src/workspace';

const INSTANCE = `kafka-upgrade-${process.pid}`;

afterAll(() => {
  rmSync(cachePath('kafka', INSTANCE), { recursive: true, force: true });
});

async function topicsAsAdmin(broker: { brokers: string[]; auth: Parameters<typeof clientSecurity>[0] }): Promise<string[]> {
  const admin = new Kafka({ clientId: 'upgrade-spec', brokers: broker.brokers, ...clientSecurity(broker.auth, 'admin'), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    return await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
}

it('formats again an instance formatted without the current users, and serves every principal', async () => {
  const first = await startKafkaBroker({ instance: INSTANCE, fresh: true });
  const clusterId = () => /cluster\.id=(\S+)/.exec(readFileSync(cachePath('kafka', INSTANCE, 'data', 'meta.properties'), 'utf8'))![1];
  const formattedAs = clusterId();
  await first.close();

  // Kept as is, it is not formatted again.
  const kept = await startKafkaBroker({ instance: INSTANCE });
  expect(clusterId()).toBe(formattedAs);
  await kept.close();

  // As an instance from before users existed: no record of the users it was formatted with.
  rmSync(cachePath('kafka', INSTANCE, 'formatted-users'));
  const upgraded = await startKafkaBroker({ instance: INSTANCE });
  try {
    expect(clusterId()).not.toBe(formattedAs);
    expect(await topicsAsAdmin(upgraded)).toEqual(expect.any(Array));
  } finally {
    await upgraded.close();
  }
}, 240_000);
