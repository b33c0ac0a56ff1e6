/**
 * The directory service alone, on real Kafka and Postgres, called over Kafka exactly as
 * the gateway calls it. Checks the rules the service itself must hold, whoever calls:
 * authorization, validation, search across scripts, events on the topic.
 */
import { randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  AgencyRegisteredSchema,
  AgencyType,
  AlertKind,
  ContactReason,
  CountryRegisteredSchema,
  DirectoryEvents,
  DirectoryRequests,
  OnDutyEndedSchema,
  ProfessionalRole,
  REPLY_TOPICS,
  VerificationStatus,
} from '@cpx/contracts';
import { encodeCursor, RequestClient } from '@cpx/platform';
import { agencyRequest, EventReader, failureOf, principals, professionalRequest, startServiceHarness, waitFor, type ServiceHarness } from '@cpx/testing';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { DirectoryModule } from '../src/app.module';
import { DirectoryConfig } from '../src/config/directory.config';
import { reindexSearch } from '../src/database/migrations/1764370000800-reindex-search';

jest.setTimeout(120_000);

let harness: ServiceHarness<DirectoryConfig>;
const admin = principals.platformAdmin();

beforeAll(async () => {
  harness = await startServiceHarness({
    service: 'directory',
    configSchema: DirectoryConfig,
    module: (config) => DirectoryModule.forConfig(config),
    eventTopics: [DirectoryEvents.topic],
  });
});

afterAll(async () => {
  await harness?.close();
});

const send = <K extends keyof typeof DirectoryRequests>(
  op: K,
  request: Parameters<ServiceHarness<DirectoryConfig>['requests']['send']>[1],
  principal = admin,
) => harness.requests.send(DirectoryRequests[op] as never, request as never, principal) as Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test shorthand over a typed registry

async function agencyWithAdmin(country = 'RS') {
  const { agency } = await send('registerAgency', agencyRequest({ country }));
  const adminSubject = `admin-of-${agency.id}`;
  const { professional } = await send(
    'registerProfessional',
    professionalRequest(agency.id, { subject: adminSubject, role: ProfessionalRole.OTHER }),
  );
  await send('verifyProfessional', { id: professional.id });
  return { agency, agencyAdmin: principals.agencyAdmin(agency.id, country, adminSubject), adminRecord: professional };
}

/** A verified professional of a fresh agency: who may read the people of the directory. */
async function verifiedMember(country: string) {
  const { agency, agencyAdmin } = await agencyWithAdmin(country);
  const subject = `member-${randomUUID()}`;
  const { professional } = await send('registerProfessional', professionalRequest(agency.id, { subject }), agencyAdmin);
  await send('verifyProfessional', { id: professional.id }, agencyAdmin);
  return principals.professional(agency.id, country, subject);
}

describe('request/reply', () => {
  it('commits where a caller has read its replies, so a caller that rejoins its group resumes there', async () => {
    // A caller's group is its own; it rejoins after a broker restart or a lost session and
    // then starts from its committed position: with none, replies written meanwhile are skipped.
    const groupId = `cpx-test-position-${randomUUID()}`;
    const client = new RequestClient({
      brokers: harness.stack.kafkaBrokers,
      security: harness.stack.kafkaSecurity('tools'),
      groupId,
      clientId: 'cpx-test-position',
      principalSigner: harness.gateway.signer,
      timeoutMs: 10_000,
      replyTopic: REPLY_TOPICS.tools,
    });
    const kafkaAdmin = new Kafka({ clientId: 'cpx-test-admin', ...harness.stack.kafkaConnection(), logLevel: logLevel.NOTHING }).admin();
    await kafkaAdmin.connect();
    try {
      await client.connect();
      for (let i = 0; i < 3; i += 1) await client.send(DirectoryRequests.listCountries, {}, admin);
      const end = async () => (await kafkaAdmin.fetchTopicOffsets(REPLY_TOPICS.tools)).find((p) => p.partition === 0)!.high;
      const committed = async () => (await kafkaAdmin.fetchOffsets({ groupId, topics: [REPLY_TOPICS.tools] }))[0]!.partitions.find((p) => p.partition === 0)!.offset;
      const endAfterReplies = await end();
      await waitFor(async () => BigInt(await committed()) >= BigInt(endAfterReplies), 10_000, 'the reply position committed');
    } finally {
      await client.close();
      await kafkaAdmin.disconnect();
    }
  });
});

describe('a request copied back onto the broker (replay)', () => {
  it('is not handled again, on its partition or another, and gets no second answer', async () => {
    const requestTopic = DirectoryRequests.registerAgency.topic;
    const reader = await EventReader.start(harness.stack.kafkaConnection(), [requestTopic, REPLY_TOPICS.tools]);
    const producer = new Kafka({ clientId: 'cpx-test-replayer', ...harness.stack.kafkaConnection(), logLevel: logLevel.NOTHING }).producer();
    await producer.connect();
    try {
      const request = agencyRequest({ name: `Replayed agency ${randomUUID()}` });
      const { agency } = await send('registerAgency', request);
      const original = await reader.waitFor((record) => record.topic === requestTopic && record.value.includes(Buffer.from(request.name)));
      const correlationId = original.headers['kafka_correlationId']!;
      const copy = { value: original.value, headers: original.headers };
      // Within its deadline, as a broker-side attacker would: onto every partition of the topic.
      await producer.send({ topic: requestTopic, messages: [0, 1, 2, 3, 4, 5].map((partition) => ({ ...copy, partition })) });
      await waitFor(async () => reader.seen.filter((record) => record.topic === requestTopic && record.headers['kafka_correlationId'] === correlationId).length === 7, 10_000, 'the copies read back');
      await new Promise((resolve) => setTimeout(resolve, 2_000));

      const db = harness.app.get(DataSource);
      const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM agency WHERE name = $1`, [request.name]);
      expect(count).toBe(1);
      expect(reader.seen.filter((record) => record.topic === REPLY_TOPICS.tools && record.headers['kafka_correlationId'] === correlationId)).toHaveLength(1);
      expect(harness.events.seen.filter((event) => event.key === agency.id)).toHaveLength(1);
    } finally {
      await producer.disconnect();
      await reader.close();
    }
  });
});

describe('agencies', () => {
  it('registers an agency, stores Cyrillic verbatim and publishes AgencyRegistered as a CloudEvent', async () => {
    const request = agencyRequest({ name: `Центар „Дом“ ${Date.now()}` });
    const { agency } = await send('registerAgency', request);
    expect(agency.name).toBe(request.name);
    expect(agency.version).toBe(1n);

    const seen = await harness.events.waitFor((event) => event.key === agency.id);
    expect(seen.topic).toBe('cpx.directory.v1.events');
    expect(seen.headers).toMatchObject({
      ce_specversion: '1.0',
      ce_type: 'cpx.directory.v1.AgencyRegistered',
      ce_source: '/cpx/directory',
      ce_subject: `agencies/${agency.id}`,
      'content-type': 'application/protobuf',
    });
    expect(seen.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(seen.headers.ce_time).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const payload = fromBinary(AgencyRegisteredSchema, seen.value);
    expect(payload.agency?.name).toBe(request.name);
    expect(payload.actorSubject).toBe(admin.subject);
  });

  it('refuses unknown countries, blank and huge names, and duplicates, changing nothing', async () => {
    expect(await failureOf(() => send('registerAgency', agencyRequest({ country: 'ZZ' })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.country',
    });
    expect(await failureOf(() => send('registerAgency', agencyRequest({ name: '   ' })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.name',
    });
    expect(await failureOf(() => send('registerAgency', agencyRequest({ name: 'x'.repeat(100_000) })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.name',
    });
    // Postgres cannot store a NUL: refused as input before anything reaches it, not an internal error.
    expect(await failureOf(() => send('registerAgency', agencyRequest({ name: 'Centar\u0000' })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    expect(await failureOf(() => send('searchAgencies', { filter: { text: 'a\u0000' } }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.text' });
    expect(await failureOf(() => send('registerAgency', agencyRequest({ locality: 'Beograd\u202Egpj.exe' })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'locality' });
    expect(await failureOf(() => send('registerAgency', agencyRequest({ type: AgencyType.UNSPECIFIED })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.type',
    });
    const request = agencyRequest();
    await send('registerAgency', request);
    expect(await failureOf(() => send('registerAgency', { ...request, name: request.name.toUpperCase() }))).toMatchObject({
      code: 'CONFLICT',
    });
    const found = await send('searchAgencies', { filter: { text: request.name } });
    expect(found.totalCount).toBe(1);
  });

  it('stores SQL- and HTML-looking text verbatim', async () => {
    const name = `Robert'); DROP TABLE agency;-- <script>alert(1)</script> ${Date.now()}`;
    const { agency } = await send('registerAgency', agencyRequest({ name, country: 'FR', locality: "l'Île-de-France" }));
    const { agency: read } = await send('getAgency', { id: agency.id }, principals.professional(agency.id, 'FR'));
    expect(read.name).toBe(name);
    expect(read.locality).toBe("l'Île-de-France");
  });

  it('reads one agency whole, as registered, for a registered professional and for a caller with no record', async () => {
    const own = await agencyWithAdmin('GR');
    const { agency: other } = await send('registerAgency', agencyRequest({ country: 'AL', name: `Qendra ${Date.now()}` }));
    for (const reader of [own.agencyAdmin, principals.professional(other.id, 'FR', `no-record-${Date.now()}`)]) {
      const { agency } = await send('getAgency', { id: other.id }, reader);
      expect(agency).toEqual(other);
    }
  });

  it('lets only platform admins register agencies', async () => {
    const { agency } = await send('registerAgency', agencyRequest());
    for (const who of [principals.agencyAdmin(agency.id, 'RS'), principals.professional(agency.id, 'RS'), principals.partner(), principals.nobody()]) {
      expect(await failureOf(() => send('registerAgency', agencyRequest(), who))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });

  it('answers NOT_FOUND for unknown ids and BAD_USER_INPUT for malformed ones', async () => {
    expect(await failureOf(() => send('getAgency', { id: '00000000-0000-4000-8000-000000000000' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(() => send('getAgency', { id: "1' OR '1'='1" }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('updates with optimistic concurrency', async () => {
    const { agency } = await send('registerAgency', agencyRequest());
    const { agency: updated } = await send('updateAgency', { id: agency.id, locality: 'Нови Сад', expectedVersion: 1n });
    expect(updated.locality).toBe('Нови Сад');
    expect(updated.version).toBe(2n);
    expect(await failureOf(() => send('updateAgency', { id: agency.id, locality: 'Ниш', expectedVersion: 1n }))).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('professionals', () => {
  it('lets an agency admin invite and verify their own people, and no one else’s', async () => {
    const own = await agencyWithAdmin('RS');
    const other = await agencyWithAdmin('BG');
    const { professional } = await send('registerProfessional', professionalRequest(own.agency.id), own.agencyAdmin);
    expect(professional.status).toBe(VerificationStatus.INVITED);
    expect(await failureOf(() => send('registerProfessional', professionalRequest(own.agency.id), other.agencyAdmin))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failureOf(() => send('verifyProfessional', { id: professional.id }, other.agencyAdmin))).toMatchObject({
      code: 'FORBIDDEN',
    });
    const { professional: verified } = await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
    expect(verified.status).toBe(VerificationStatus.VERIFIED);
    await harness.events.waitFor((event) => event.key === professional.id && event.cloudEvent?.type === 'cpx.directory.v1.ProfessionalVerified');
  });

  it('finds a professional by a Cyrillic query, by its Latin transliteration, and by Greek', async () => {
    const own = await agencyWithAdmin('RS');
    const family = `Ђорђевић${Date.now()}`;
    const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { familyName: family }), own.agencyAdmin);
    await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
    const reader = await verifiedMember('RS');

    const cyrillic = await send('searchProfessionals', { filter: { text: family.toUpperCase() } }, reader);
    expect(cyrillic.items.map((p: { id: string }) => p.id)).toEqual([professional.id]);
    const latin = await send('searchProfessionals', { filter: { text: `djordjevic${family.slice(8)}` } }, reader);
    expect(latin.items.map((p: { id: string }) => p.id)).toEqual([professional.id]);

    const greekAgency = await agencyWithAdmin('GR');
    const greekName = `Παπαδόπουλος${Date.now()}`;
    const { professional: greek } = await send('registerProfessional', professionalRequest(greekAgency.agency.id, { familyName: greekName, givenName: 'Ελένη' }), greekAgency.agencyAdmin);
    await send('verifyProfessional', { id: greek.id }, greekAgency.agencyAdmin);
    const byGreek = await send('searchProfessionals', { filter: { text: 'ΠΑΠΑΔΟΠΟΥΛΟΣ', country: 'GR' } }, reader);
    expect(byGreek.items.map((p: { id: string }) => p.id)).toContain(greek.id);
    const greekByLatin = await send('searchProfessionals', { filter: { text: `papadopoulos${greekName.slice(12)}` } }, reader);
    expect(greekByLatin.items.map((p: { id: string }) => p.id)).toEqual([greek.id]);
  });

  it('finds a name stored in one script by a query in another, both ways, whatever the romanisation', async () => {
    const own = await agencyWithAdmin('RS');
    const stamp = Date.now();
    const named = async (givenName: string, familyName: string) => {
      const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { givenName, familyName: `${familyName}${stamp}` }), own.agencyAdmin);
      await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
      return professional.id as string;
    };
    const latinJovanovic = await named('Marko', 'Jovanović');
    const latinDjordjevic = await named('Ana', 'Đorđević');
    const cyrillicDjordjevic = await named('Ана', 'Ђорђевић');
    const cyrillicZhechev = await named('Иван', 'Жечев');
    const latinZhechev = await named('Ivan', 'Zhechev');
    const reader = await verifiedMember('RS');
    const found = async (text: string) =>
      ((await send('searchProfessionals', { filter: { text: `${text}${stamp}` } }, reader)).items as { id: string }[]).map((p) => p.id).sort();

    expect(await found('Марко Јовановић')).toEqual([latinJovanovic]);
    expect(await found('Ђорђевић')).toEqual([latinDjordjevic, cyrillicDjordjevic].sort());
    expect(await found('Đorđević')).toEqual([latinDjordjevic, cyrillicDjordjevic].sort());
    expect(await found('Djordjevic')).toEqual([latinDjordjevic, cyrillicDjordjevic].sort());
    expect(await found('Zhechev')).toEqual([cyrillicZhechev, latinZhechev].sort());
    expect(await found('Жечев')).toEqual([cyrillicZhechev, latinZhechev].sort());
    expect(await found('Zecev')).toEqual([cyrillicZhechev, latinZhechev].sort());
    expect(await found('Petrović')).toEqual([]);
  });

  it('re-indexes rows stored with older search texts', async () => {
    const own = await agencyWithAdmin('RS');
    const family = `Жечев${Date.now()}`;
    const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { familyName: family, expertise: ['Трговина људима'] }), own.agencyAdmin);
    await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
    const reader = await verifiedMember('RS');
    const dataSource = harness.app.get(DataSource);
    // As the search columns were before the migration: folded text, no keys.
    await dataSource.query(`UPDATE professional SET search_text = $2, expertise_keys = '{}' WHERE id = $1`, [professional.id, family.toLowerCase()]);
    const zhechev = { filter: { text: `Zhechev${family.slice(5)}`, expertise: 'trgovina ljudima' } };
    expect((await send('searchProfessionals', zhechev, reader)).totalCount).toBe(0);

    const queryRunner = dataSource.createQueryRunner();
    try {
      await reindexSearch(queryRunner);
    } finally {
      await queryRunner.release();
    }
    expect((await send('searchProfessionals', zhechev, reader)).items.map((p: { id: string }) => p.id)).toEqual([professional.id]);
  });

  it('hides unverified professionals from other agencies and pages through results', async () => {
    const own = await agencyWithAdmin('HR');
    const marker = `Horvat${Date.now()}`;
    const ids: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { familyName: `${marker}${index}` }), own.agencyAdmin);
      ids.push(professional.id);
    }
    for (const id of ids.slice(0, 4)) await send('verifyProfessional', { id }, own.agencyAdmin);
    const outsider = await verifiedMember('RS');
    const first = await send('searchProfessionals', { filter: { text: marker }, page: { first: 3 } }, outsider);
    expect(first.totalCount).toBe(4);
    expect(first.hasNextPage).toBe(true);
    const second = await send('searchProfessionals', { filter: { text: marker }, page: { first: 3, after: first.endCursor } }, outsider);
    expect(second.hasNextPage).toBe(false);
    const seen = [...first.items, ...second.items].map((p: { id: string }) => p.id);
    expect(new Set(seen).size).toBe(4);
    expect(seen).not.toContain(ids[4]);
    const asAdmin = await send('searchProfessionals', { filter: { text: marker } }, own.agencyAdmin);
    expect(asAdmin.totalCount).toBe(5);
    expect(await failureOf(() => send('searchProfessionals', { page: { after: 'not-a-cursor' } }, outsider))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    // Forged cursors that decode: a key that is not a uuid would fail in Postgres, one of
    // the agencies' list would silently page from the start.
    const agenciesCursor = (await send('searchAgencies', { page: { first: 1 } }, outsider)).endCursor;
    for (const after of [encodeCursor(['Horvat', 'Ana', 'not-a-uuid']), encodeCursor(['Horvat', 'Ana\u0000', randomUUID()]), agenciesCursor]) {
      expect(await failureOf(() => send('searchProfessionals', { page: { after } }, outsider))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });

  it('lists people in reading order, whatever the script and diacritics, page after page', async () => {
    const own = await agencyWithAdmin('ME');
    const reader = await verifiedMember('ME');
    const names = ['Zorić', 'Ђорђевић', 'Šarić', 'Cvetić', 'Адамовић', 'Čavić'];
    for (const familyName of names) {
      const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { familyName, givenName: 'Ana' }), own.agencyAdmin);
      await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
    }
    const seen: string[] = [];
    let after = '';
    do {
      const page = await send('searchProfessionals', { filter: { agencyId: own.agency.id }, page: { first: 2, after } }, reader);
      seen.push(...page.items.map((p: { familyName: string }) => p.familyName));
      after = page.hasNextPage ? page.endCursor : '';
    } while (after);
    // Latin before Cyrillic, Č with C and Š with S: not code-point order (Č, Š after z; Ђ before А).
    expect(seen.filter((name) => names.includes(name))).toEqual(['Čavić', 'Cvetić', 'Šarić', 'Zorić', 'Адамовић', 'Ђорђевић']);
  });

  it('forbids everything to a suspended professional, with a valid signature', async () => {
    const own = await agencyWithAdmin('MK');
    const subject = `suspended-${Date.now()}`;
    const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { subject }), own.agencyAdmin);
    await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
    const them = principals.professional(own.agency.id, 'MK', subject);
    await send('searchAgencies', {}, them);
    expect((await send('getCaller', {}, them)).professional).toMatchObject({ id: professional.id, status: VerificationStatus.VERIFIED, subject });
    expect((await send('getCaller', {}, principals.professional(own.agency.id, 'MK'))).professional).toBeUndefined();
    const { professional: suspended } = await send('suspendProfessional', { id: professional.id, reason: 'left the agency' }, own.agencyAdmin);
    expect(suspended.status).toBe(VerificationStatus.SUSPENDED);
    for (const op of ['searchAgencies', 'searchProfessionals', 'listCountries', 'getCaller'] as const) {
      expect(await failureOf(() => send(op, {}, them))).toMatchObject({ code: 'FORBIDDEN' });
    }
    // One agency by id reads the caller and the row in one statement: the caller still decides, and
    // whether the agency exists is not told to a refused caller.
    for (const id of [own.agency.id, '00000000-0000-4000-8000-000000000000']) {
      expect(await failureOf(() => send('getAgency', { id }, them))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await failureOf(() => send('verifyProfessional', { id: professional.id }, own.agencyAdmin))).toMatchObject({ code: 'CONFLICT' });
    await send('reinstateProfessional', { id: professional.id }, own.agencyAdmin);
    await send('searchAgencies', {}, them);
  });

  it('shows a professional’s account subject to them and to those who manage them, to no other reader', async () => {
    const own = await agencyWithAdmin('AL');
    const subject = `visible-${randomUUID()}`;
    const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { subject }), own.agencyAdmin);
    await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
    const self = principals.professional(own.agency.id, 'AL', subject);
    const subjectAs = async (who: typeof admin) => (await send('getProfessional', { lookup: { case: 'id', value: professional.id } }, who)).professional.subject;
    for (const who of [self, own.agencyAdmin, admin]) expect(await subjectAs(who)).toBe(subject);
    const colleagueElsewhere = await verifiedMember('AL');
    expect(await subjectAs(colleagueElsewhere)).toBeUndefined();
    const found = await send('searchProfessionals', { filter: { agencyId: own.agency.id } }, colleagueElsewhere);
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.filter((p: { subject?: string }) => p.subject !== undefined)).toEqual([]);
    // The event keeps it: the alerts service links sign-ins to records with it.
    await harness.events.waitFor((event) => event.key === professional.id && event.cloudEvent?.type === 'cpx.directory.v1.ProfessionalVerified');
  });

  it('does not let an agency admin lock out or take over another agency’s user by binding their subject', async () => {
    const squatter = await agencyWithAdmin('ME');
    const platformAdmin = principals.platformAdmin();
    const newcomerElsewhere = principals.professional((await agencyWithAdmin('BA')).agency.id, 'BA');
    // The squatting admin binds subjects they do not own to records of their own agency:
    // a platform admin's (who has no record), suspended; a user of another agency whose
    // record is not there yet, verified.
    const { professional: suspended } = await send('registerProfessional', professionalRequest(squatter.agency.id, { subject: platformAdmin.subject }), squatter.agencyAdmin);
    await send('suspendProfessional', { id: suspended.id, reason: 'squatting' }, squatter.agencyAdmin);
    const { professional: verified } = await send('registerProfessional', professionalRequest(squatter.agency.id, { subject: newcomerElsewhere.subject }), squatter.agencyAdmin);
    await send('verifyProfessional', { id: verified.id }, squatter.agencyAdmin);

    // The platform admin is not locked out, and is nobody's member.
    await send('registerAgency', agencyRequest({ country: 'ME' }), platformAdmin);
    expect((await send('searchProfessionals', { filter: { country: 'ME' } }, platformAdmin)).totalCount).toBeGreaterThan(0);
    // The other agency's user is not made a verified member of the squatter's agency: a
    // professional with no record of their own, who reads nobody yet.
    expect(await failureOf(() => send('searchProfessionals', {}, newcomerElsewhere))).toMatchObject({ code: 'FORBIDDEN' });
    // The token the squatter's agency would get for that subject does count: the record is theirs.
    await send('searchProfessionals', {}, principals.professional(squatter.agency.id, 'ME', newcomerElsewhere.subject));
  });
});

describe('search filters', () => {
  it('keeps language tags canonical and lets a language find its script and region variants', async () => {
    const own = await agencyWithAdmin('BA');
    const stamp = `Filter${Date.now()}`;
    const tagged = async (languages: string[]) => {
      const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { familyName: stamp, languages }), own.agencyAdmin);
      await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
      return professional as { id: string; languages: string[] };
    };
    const cyrillic = await tagged(['sr-cyrl', 'EN']);
    expect(cyrillic.languages).toEqual(['sr-Cyrl', 'en']);
    const latin = await tagged(['sr-Latn-ba']);
    expect(latin.languages).toEqual(['sr-Latn-BA']);
    const bosnian = await tagged(['bs']);
    const reader = await verifiedMember('BA');
    const speaking = async (language: string) =>
      ((await send('searchProfessionals', { filter: { text: stamp, language } }, reader)).items as { id: string }[]).map((p) => p.id).sort();

    expect(await speaking('sr')).toEqual([cyrillic.id, latin.id].sort());
    expect(await speaking('sr-cyrl')).toEqual([cyrillic.id]);
    expect(await speaking('sr-Latn')).toEqual([latin.id]);
    expect(await speaking('bs')).toEqual([bosnian.id]);
    expect(await speaking('sr-Cyrl-BA')).toEqual([]);
    for (const language of ['sr_%', 'not a tag']) {
      expect(await failureOf(() => send('searchProfessionals', { filter: { language } }, reader))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.language' });
      expect(await failureOf(() => send('searchAgencies', { filter: { language } }, reader))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.language' });
    }
    const { agency } = await send('registerAgency', agencyRequest({ country: 'BA', languages: ['SR-cyrl', 'hr'] }));
    expect(agency.languages).toEqual(['sr-Cyrl', 'hr']);
    const bySerbian = await send('searchAgencies', { filter: { text: agency.name, language: 'sr' } }, reader);
    expect(bySerbian.items.map((a: { id: string }) => a.id)).toEqual([agency.id]);
  });

  it('matches an area of expertise whole, in any script, ignoring case and diacritics', async () => {
    const own = await agencyWithAdmin('RS');
    const area = `Трговина људима ${Date.now()}`;
    const { professional } = await send('registerProfessional', professionalRequest(own.agency.id, { expertise: [area, 'Roma communities'] }), own.agencyAdmin);
    await send('verifyProfessional', { id: professional.id }, own.agencyAdmin);
    const reader = await verifiedMember('RS');
    const withExpertise = async (expertise: string) =>
      ((await send('searchProfessionals', { filter: { expertise } }, reader)).items as { id: string }[]).map((p) => p.id);
    const latin = `trgovina ljudima ${area.slice(16)}`;
    for (const spelling of [area, latin, latin.toUpperCase(), `Trgovina  ljudima ${area.slice(16)}`]) {
      expect(await withExpertise(spelling)).toEqual([professional.id]);
    }
    expect(await withExpertise('trgovina')).toEqual([]);
  });

  it('finds an agency by its jurisdiction', async () => {
    const jurisdiction = `Нишавски округ ${Date.now()}`;
    const { agency } = await send('registerAgency', agencyRequest({ jurisdiction }));
    const found = await send('searchAgencies', { filter: { text: `nisavski okrug ${jurisdiction.slice(15)}` } });
    expect(found.items.map((a: { id: string }) => a.id)).toEqual([agency.id]);
    const { agency: moved } = await send('updateAgency', { id: agency.id, jurisdiction: `Zaječarski okrug ${jurisdiction.slice(15)}` });
    expect((await send('searchAgencies', { filter: { text: `Зајечарски округ ${jurisdiction.slice(15)}` } })).items.map((a: { id: string }) => a.id)).toEqual([moved.id]);
  });

  it('refuses a country that does not take part, as writes do, naming the filter field', async () => {
    const reader = await verifiedMember('RS');
    for (const op of ['searchAgencies', 'searchProfessionals'] as const) {
      expect(await failureOf(() => send(op, { filter: { country: 'ZZ' } }, reader))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.country' });
    }
    // A partner state is a valid filter, whether or not it has agencies yet.
    await send('searchAgencies', { filter: { country: 'XK' } }, reader);
  });
});

describe('whom to contact', () => {
  it('answers with on-duty contacts first, then focal points, verified only, for that country and kind', async () => {
    const serbia = await agencyWithAdmin('RS');
    const { professional: focal } = await send('registerProfessional', professionalRequest(serbia.agency.id), serbia.agencyAdmin);
    const { professional: onDuty } = await send('registerProfessional', professionalRequest(serbia.agency.id), serbia.agencyAdmin);
    const { professional: unverified } = await send('registerProfessional', professionalRequest(serbia.agency.id), serbia.agencyAdmin);
    await send('verifyProfessional', { id: focal.id }, serbia.agencyAdmin);
    await send('verifyProfessional', { id: onDuty.id }, serbia.agencyAdmin);

    expect(await failureOf(() => send('assignFocalPoint', { country: 'RS', alertKind: AlertKind.UNACCOMPANIED_MINOR, professionalId: unverified.id }, serbia.agencyAdmin))).toMatchObject({ code: 'CONFLICT' });
    expect(await failureOf(() => send('assignFocalPoint', { country: 'BG', alertKind: AlertKind.UNACCOMPANIED_MINOR, professionalId: focal.id }, serbia.agencyAdmin))).toMatchObject({ code: 'FORBIDDEN' });
    await send('assignFocalPoint', { country: 'RS', alertKind: AlertKind.UNACCOMPANIED_MINOR, professionalId: focal.id }, serbia.agencyAdmin);
    const now = Date.now();
    await send(
      'scheduleOnDuty',
      {
        professionalId: onDuty.id,
        country: 'RS',
        alertKind: AlertKind.UNSPECIFIED,
        startsAt: { seconds: BigInt(Math.floor(now / 1000) - 60) },
        endsAt: { seconds: BigInt(Math.floor(now / 1000) + 3600) },
      },
      serbia.agencyAdmin,
    );
    const asker = await verifiedMember('FR');
    const { candidates } = await send('whomToContact', { country: 'RS', alertKind: AlertKind.UNACCOMPANIED_MINOR }, asker);
    const mine = candidates.filter((c: { professional: { agencyId: string } }) => c.professional.agencyId === serbia.agency.id);
    expect(mine.map((c: { professional: { id: string }; reason: ContactReason }) => [c.professional.id, c.reason])).toEqual([
      [onDuty.id, ContactReason.ON_DUTY],
      [focal.id, ContactReason.FOCAL_POINT],
    ]);
    const { candidates: otherKind } = await send('whomToContact', { country: 'RS', alertKind: AlertKind.FORCED_BEGGING }, asker);
    const ids = otherKind.map((c: { professional: { id: string } }) => c.professional.id);
    expect(ids).toContain(onDuty.id);
    expect(ids).not.toContain(focal.id);
    expect(await failureOf(() => send('whomToContact', { country: 'QQ', alertKind: AlertKind.MISSING_CHILD }, asker))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'country' });
  });

  it('names the contacts for this kind of alert before those for every kind, on duty and as focal points', async () => {
    const montenegro = await agencyWithAdmin('ME');
    const verified = async () => {
      const { professional } = await send('registerProfessional', professionalRequest(montenegro.agency.id), montenegro.agencyAdmin);
      await send('verifyProfessional', { id: professional.id }, montenegro.agencyAdmin);
      return professional.id as string;
    };
    const [generalFocal, specialFocal, generalDuty, specialDuty] = [await verified(), await verified(), await verified(), await verified()];
    // The general ones first: the longest-serving focal point and the longest shift.
    await send('assignFocalPoint', { country: 'ME', alertKind: AlertKind.UNSPECIFIED, professionalId: generalFocal }, montenegro.agencyAdmin);
    await send('assignFocalPoint', { country: 'ME', alertKind: AlertKind.FORCED_MARRIAGE, professionalId: specialFocal }, montenegro.agencyAdmin);
    const now = Math.floor(Date.now() / 1000);
    const shift = (professionalId: string, alertKind: AlertKind, hours: number) =>
      send('scheduleOnDuty', { professionalId, country: 'ME', alertKind, startsAt: { seconds: BigInt(now - 60) }, endsAt: { seconds: BigInt(now + hours * 3600) } }, montenegro.agencyAdmin);
    await shift(generalDuty, AlertKind.UNSPECIFIED, 8);
    await shift(specialDuty, AlertKind.FORCED_MARRIAGE, 1);

    const { candidates } = await send('whomToContact', { country: 'ME', alertKind: AlertKind.FORCED_MARRIAGE }, await verifiedMember('FR'));
    const mine = candidates.filter((c: { professional: { agencyId: string } }) => c.professional.agencyId === montenegro.agency.id);
    expect(mine.map((c: { professional: { id: string }; reason: ContactReason }) => [c.professional.id, c.reason])).toEqual([
      [specialDuty, ContactReason.ON_DUTY],
      [generalDuty, ContactReason.ON_DUTY],
      [specialFocal, ContactReason.FOCAL_POINT],
      [generalFocal, ContactReason.FOCAL_POINT],
    ]);
  });

  it('names a focal point once when two admins name the same person at the same time', async () => {
    const albania = await agencyWithAdmin('AL');
    const { professional } = await send('registerProfessional', professionalRequest(albania.agency.id), albania.agencyAdmin);
    await send('verifyProfessional', { id: professional.id }, albania.agencyAdmin);
    for (const alertKind of [AlertKind.MISSING_CHILD, AlertKind.SUSPECTED_TRAFFICKING, AlertKind.LABOUR_EXPLOITATION]) {
      const request = { country: 'AL', alertKind, professionalId: professional.id };
      const named = await Promise.all([send('assignFocalPoint', request, albania.agencyAdmin), send('assignFocalPoint', request, admin)]);
      expect(named[0].focalPoint.id).toBe(named[1].focalPoint.id);
    }
    const { focalPoints } = await send('listFocalPoints', { country: 'AL' }, albania.agencyAdmin);
    expect(focalPoints.filter((f: { professionalId: string }) => f.professionalId === professional.id)).toHaveLength(3);
  });
});

describe('countries', () => {
  const malta = { code: 'MT', name: 'Malta', languages: ['mt', 'en'] };
  const countryRow = async (code: string) => harness.app.get(DataSource).query(`SELECT code, name, languages FROM country WHERE code = $1`, [code]);
  const published = async (key: string) =>
    (await harness.app.get(DataSource).query(`SELECT count(*)::int AS n FROM cpx_outbox WHERE record_key = $1`, [key]))[0].n as number;

  it('registers a state that joins, announces it, and takes it at once wherever a country is checked', async () => {
    expect(await failureOf(() => send('registerAgency', agencyRequest({ country: 'MT' })))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.country' });

    const { country } = await send('registerCountry', { ...malta, name: ' Malta ', languages: ['mt', 'EN'] });
    expect(country).toMatchObject(malta);
    const seen = await harness.events.waitFor((event) => event.key === 'MT');
    expect(seen.headers).toMatchObject({ ce_type: 'cpx.directory.v1.CountryRegistered', ce_source: '/cpx/directory', ce_subject: 'countries/MT' });
    const event = fromBinary(CountryRegisteredSchema, seen.value);
    expect(event.country).toMatchObject(malta);
    expect(event.actorSubject).toBe(admin.subject);
    expect((await send('listCountries', {})).countries).toContainEqual(expect.objectContaining(malta));

    // No restart: writes, filters and contact points take it from the next request on.
    const { agency, agencyAdmin } = await agencyWithAdmin('MT');
    expect(agency.country).toBe('MT');
    const reader = await verifiedMember('MT');
    expect((await send('searchAgencies', { filter: { country: 'MT' } }, reader)).items.map((a: { id: string }) => a.id)).toContain(agency.id);
    const { professional } = await send('registerProfessional', professionalRequest(agency.id), agencyAdmin);
    await send('verifyProfessional', { id: professional.id }, agencyAdmin);
    await send('assignFocalPoint', { country: 'MT', alertKind: AlertKind.UNSPECIFIED, professionalId: professional.id }, agencyAdmin);
    const { candidates } = await send('whomToContact', { country: 'MT', alertKind: AlertKind.MISSING_CHILD }, reader);
    expect(candidates.map((c: { professional: { id: string } }) => c.professional.id)).toEqual([professional.id]);

    // The same registration again, languages in another order: answered, nothing published twice.
    expect((await send('registerCountry', { ...malta, languages: ['en', 'mt'] })).country).toMatchObject(malta);
    expect(await published('MT')).toBe(1);
  });

  it('refuses a contradicting registration, a malformed code and any caller but a platform admin, changing nothing', async () => {
    const iceland = { code: 'IS', name: 'Iceland', languages: ['is'] };
    await send('registerCountry', iceland);
    expect(await failureOf(() => send('registerCountry', { ...iceland, name: 'Ísland' }))).toMatchObject({ code: 'CONFLICT', field: 'input.name' });
    expect(await failureOf(() => send('registerCountry', { ...iceland, languages: ['is', 'en'] }))).toMatchObject({ code: 'CONFLICT', field: 'input.languages' });
    // A seeded partner state is stored like any other: renaming it by registration is refused too.
    expect(await failureOf(() => send('registerCountry', { code: 'XK', name: 'Kosova', languages: ['sq'] }))).toMatchObject({ code: 'CONFLICT' });
    expect(await countryRow('IS')).toEqual([{ code: 'IS', name: 'Iceland', languages: ['is'] }]);
    expect(await published('IS')).toBe(1);

    for (const code of ['is', 'ISL', 'I', '', 'I5', "I'"]) {
      expect(await failureOf(() => send('registerCountry', { ...iceland, code }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.code' });
    }
    expect(await failureOf(() => send('registerCountry', { ...iceland, code: 'LU', name: '  ' }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
    expect(await failureOf(() => send('registerCountry', { ...iceland, code: 'LU', languages: ['not a tag'] }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.languages',
    });

    const { agency } = await send('registerAgency', agencyRequest({ country: 'RS' }));
    for (const who of [principals.agencyAdmin(agency.id, 'RS'), principals.professional(agency.id, 'RS'), principals.partner(), principals.nobody()]) {
      expect(await failureOf(() => send('registerCountry', { code: 'LU', name: 'Luxembourg', languages: ['lb', 'fr', 'de'] }, who))).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(await countryRow('LU')).toEqual([]);
    expect(await published('LU')).toBe(0);
  });
});

describe('ending on-duty shifts', () => {
  const seconds = (at: number) => ({ seconds: BigInt(Math.floor(at / 1000)) });

  /** An agency of `country` with a verified professional put on duty there, every kind, for `window` ms around now. */
  async function onDutyIn(country: string, window: { from: number; to: number }) {
    const team = await agencyWithAdmin(country);
    const { professional } = await send('registerProfessional', professionalRequest(team.agency.id), team.agencyAdmin);
    await send('verifyProfessional', { id: professional.id }, team.agencyAdmin);
    const now = Date.now();
    const { shift } = await send(
      'scheduleOnDuty',
      { professionalId: professional.id, country, alertKind: AlertKind.UNSPECIFIED, startsAt: seconds(now + window.from), endsAt: seconds(now + window.to) },
      team.agencyAdmin,
    );
    return { ...team, professional, shift };
  }

  const onDutyIds = async (country: string, asker: Awaited<ReturnType<typeof verifiedMember>>, at?: number) =>
    ((await send('whomToContact', { country, alertKind: AlertKind.MISSING_CHILD, at: at === undefined ? undefined : seconds(at) }, asker)).candidates as {
      professional: { id: string };
      reason: ContactReason;
      shiftId: string;
    }[])
      .filter((c) => c.reason === ContactReason.ON_DUTY)
      .map((c) => [c.professional.id, c.shiftId]);

  it('ends a running shift: whomToContact stops naming its professional at once, and OnDutyEnded is on the topic', async () => {
    const duty = await onDutyIn('RO', { from: -60_000, to: 30 * 86_400_000 });
    const asker = await verifiedMember('FR');
    expect(await onDutyIds('RO', asker)).toContainEqual([duty.professional.id, duty.shift.id]);

    const before = Date.now();
    const { shift } = await send('endOnDuty', { id: duty.shift.id }, duty.agencyAdmin);
    const endedAt = timestampDate(shift.endsAt).getTime();
    expect(endedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(endedAt).toBeLessThanOrEqual(Date.now());
    expect(await onDutyIds('RO', asker)).not.toContainEqual([duty.professional.id, duty.shift.id]);
    // Nor later on: the shift would have run for 30 days.
    expect(await onDutyIds('RO', asker, Date.now() + 86_400_000)).not.toContainEqual([duty.professional.id, duty.shift.id]);

    const seen = await harness.events.waitFor((event) => event.key === duty.shift.id && event.cloudEvent?.type === 'cpx.directory.v1.OnDutyEnded');
    expect(seen.headers).toMatchObject({ ce_subject: `on-duty-shifts/${duty.shift.id}` });
    const event = fromBinary(OnDutyEndedSchema, seen.value);
    expect(event.shift).toMatchObject({ id: duty.shift.id, professionalId: duty.professional.id, country: 'RO' });
    expect(timestampDate(event.shift!.endsAt!).getTime()).toBe(endedAt);
    expect(event.actorSubject).toBe(duty.agencyAdmin.subject);

    // Ending it again (a retry) answers it as it is, and publishes nothing more.
    const again = await send('endOnDuty', { id: duty.shift.id }, admin);
    expect(timestampDate(again.shift.endsAt).getTime()).toBe(endedAt);
    const [{ n }] = await harness.app.get(DataSource).query(`SELECT count(*)::int AS n FROM cpx_outbox WHERE record_key = $1`, [duty.shift.id]);
    expect(n).toBe(2); // OnDutyScheduled, OnDutyEnded
  });

  it('cancels a shift that has not begun: it ends where it starts and is never named', async () => {
    const inAnHour = Date.now() + 3_600_000;
    const duty = await onDutyIn('MD', { from: 3_600_000, to: 10 * 3_600_000 });
    const asker = await verifiedMember('FR');
    expect(await onDutyIds('MD', asker, inAnHour + 60_000)).toContainEqual([duty.professional.id, duty.shift.id]);

    const { shift } = await send('endOnDuty', { id: duty.shift.id }, duty.agencyAdmin);
    expect(timestampDate(shift.endsAt)).toEqual(timestampDate(shift.startsAt));
    expect(await onDutyIds('MD', asker, inAnHour + 60_000)).not.toContainEqual([duty.professional.id, duty.shift.id]);
    await harness.events.waitFor((event) => event.key === duty.shift.id && event.cloudEvent?.type === 'cpx.directory.v1.OnDutyEnded');
  });

  it('refuses another agency’s admin and the professional’s colleagues, changing nothing', async () => {
    const duty = await onDutyIn('HR', { from: -60_000, to: 8 * 3_600_000 });
    const otherAgency = await agencyWithAdmin('HR');
    const colleague = principals.professional(duty.agency.id, 'HR');
    for (const who of [otherAgency.agencyAdmin, colleague, principals.partner(), principals.nobody()]) {
      expect(await failureOf(() => send('endOnDuty', { id: duty.shift.id }, who))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await onDutyIds('HR', await verifiedMember('FR'))).toContainEqual([duty.professional.id, duty.shift.id]);
    const [{ n }] = await harness.app.get(DataSource).query(`SELECT count(*)::int AS n FROM cpx_outbox WHERE record_key = $1`, [duty.shift.id]);
    expect(n).toBe(1); // OnDutyScheduled only

    expect(await failureOf(() => send('endOnDuty', { id: randomUUID() }, admin))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await failureOf(() => send('endOnDuty', { id: 'not-an-id' }, admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});
