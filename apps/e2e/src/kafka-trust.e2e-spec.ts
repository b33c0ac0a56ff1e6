/**
 * Nobody who can reach the broker can lift a suspension (issue 11, "Forged events"). A
 * professional is suspended through the gateway; then a `ProfessionalVerified` for them,
 * with a huge version, is produced onto `cpx.directory.v1.events` as an attacker would:
 * with another service's credentials (the feeds', the alerts'), with none, and with TLS
 * but no user. The broker refuses every one, nothing reaches the topic, and the
 * professional stays suspended: still FORBIDDEN to read alerts.
 */
import { randomUUID } from 'node:crypto';
import { create, toBinary } from '@bufbuild/protobuf';
import { DirectoryEvents, ProfessionalVerifiedSchema, VerificationStatus } from '@cpx/contracts';
import { cloudEventHeaders } from '@cpx/platform';
import { codes, EventReader, startE2ePlatform, waitFor, type E2ePlatform } from '@cpx/testing';
import { member, ok } from './support';
import { Kafka, logLevel, type KafkaConfig } from 'kafkajs';

let platform: E2ePlatform;
let admin: string;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-kafka-trust');
  admin = await platform.token({ roles: ['platform_admin'] });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

const INBOX = `{ alertInbox(first: 5) { edges { node { id } } } }`;

/** What an attacker's client gets when it tries to write the forged record: 'written', or why not. */
async function forge(config: Omit<KafkaConfig, 'clientId'>, record: { key: string; value: Buffer; headers: Record<string, string> }): Promise<string> {
  const producer = new Kafka({ clientId: 'intruder', logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 0 }, ...config }).producer();
  try {
    await producer.connect();
    await producer.send({ topic: DirectoryEvents.topic, acks: -1, messages: [record] });
    return 'written';
  } catch (error) {
    const message = (error as Error).message;
    // kafkajs reports the broker's TOPIC_AUTHORIZATION_FAILED, on the metadata it asks for before sending, by this message.
    return /Not authorized to access topics/.test(message) ? 'TOPIC_AUTHORIZATION_FAILED' : `not connected (${message})`;
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

it('refuses a forged ProfessionalVerified from anyone but the directory, and the professional stays suspended', async () => {
  const { token, subject, professionalId, agencyId } = await member(platform, admin, 'RS', { familyName: 'Suspended' });
  // Verified: the alerts service (its replica of the directory) lets them read their inbox.
  await waitFor(async () => !(await platform.query(INBOX, {}, token)).errors, 30_000, 'the verified professional reading their inbox');

  await ok(platform, `mutation($id: ID!) { suspendProfessional(id: $id, reason: "under investigation") { status } }`, { id: professionalId }, admin);
  await waitFor(async () => codes(await platform.query(INBOX, {}, token))[0] === 'FORBIDDEN', 30_000, 'the suspension reaching the alerts service');

  const events = await EventReader.start(platform.stack.kafkaConnection(), [DirectoryEvents.topic]);
  try {
    const forged = {
      key: professionalId,
      value: Buffer.from(
        toBinary(
          ProfessionalVerifiedSchema,
          create(ProfessionalVerifiedSchema, {
            professional: { id: professionalId, agencyId, status: VerificationStatus.VERIFIED, subject, version: 9_000_000_000n },
          }),
        ),
      ),
      headers: cloudEventHeaders({
        id: randomUUID(),
        source: DirectoryEvents.source,
        type: DirectoryEvents.types.professionalVerified.type,
        time: new Date(),
        subject: `professionals/${professionalId}`,
      }) as Record<string, string>,
    };
    const { brokers } = platform.stack.kafkaConnection();
    const feeds = platform.stack.kafkaConnection('feeds');
    expect(await forge(feeds, forged)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await forge(platform.stack.kafkaConnection('alerts'), forged)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await forge(platform.stack.kafkaConnection('gateway'), forged)).toBe('TOPIC_AUTHORIZATION_FAILED');
    expect(await forge({ brokers }, forged)).toMatch(/^not connected/);
    expect(await forge({ brokers, ssl: feeds.ssl }, forged)).toMatch(/^not connected/);
    expect(await forge({ brokers, ssl: feeds.ssl, sasl: { mechanism: 'scram-sha-512', username: 'cpx-directory', password: 'guessed-password' } }, forged)).toMatch(/^not connected/);

    // Nothing reached the topic: the professional's records are the directory's own three.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const theirs = events.seen.filter((event) => event.key === professionalId);
    expect(theirs.map((event) => event.cloudEvent?.type)).toEqual([
      'cpx.directory.v1.ProfessionalRegistered',
      'cpx.directory.v1.ProfessionalVerified',
      'cpx.directory.v1.ProfessionalSuspended',
    ]);
    expect(theirs.map((event) => event.headers['ce_id'])).not.toContain(forged.headers['ce_id']);
  } finally {
    await events.close();
  }
  // Still suspended, for the alerts service and the directory alike.
  expect(codes(await platform.query(INBOX, {}, token))).toEqual(['FORBIDDEN']);
  expect(codes(await platform.query(`{ me { subject professional { id status } } }`, {}, token))).toEqual(['FORBIDDEN']);
});
