/**
 * The alerts service alone on real Kafka and Postgres, fed by directory events on the
 * real topic, called over Kafka as the gateway calls it. Checks what the service itself
 * must hold whoever calls it: routing, lifecycle, need-to-know, the sealed identity and
 * its audit, escalation that happens exactly once across instances and restarts,
 * retention, and that the child's identity never appears in an event.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { fromBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AgencyType,
  AlertEscalatedSchema,
  AlertKind,
  AlertPostedSchema,
  AlertsRequests,
  AlertStatus,
  AlertUpdateKind,
  ChildIdentitySchema,
  DirectoryEvents,
  Outcome,
  Sex,
  Urgency,
  VerificationStatus,
} from '@cpx/contracts';
import { nameGuardTables } from '@cpx/names';
import { encodeCursor, type Principal } from '@cpx/platform';
import { DirectoryFixture, EventReader, failureOf, waitFor, type ServiceHarness } from '@cpx/testing';
import { DataSource } from 'typeorm';
import { AlertsConfig } from '../src/config/alerts.config';
import { PostAlertInput } from '../src/alerts/post-alert.input';
import { PostAlertUseCase } from '../src/alerts/post-alert.usecase';
import { ERASED_TEXT } from '../src/alerts/domain/alert-lifecycle';
import { IdentityVault, parseMasterKeys } from '../src/identity/identity-vault';
import { RewrapIdentityKeysUseCase } from '../src/identity/rewrap-identity-keys.usecase';
import { sendAsGateway, startAlertsHarness, waitForReplica } from './alerts-harness';

jest.setTimeout(120_000);

const CHILD_GIVEN = 'Ljubica';
const CHILD_FAMILY = 'Stanković';
const DEADLINE_MS = 2_500;
/** Longer, so that the deadline surely passes while the service is down, not while it stops. */
const RESTART_DEADLINE_MS = 8_000;

let harness: ServiceHarness<AlertsConfig>;
let directory: DirectoryFixture;
let db: DataSource;

interface Party {
  agencyId: string;
  country: string;
  professional: { id: string; subject: string };
  principal: Principal;
}

const party = async (country: string, options: { focalPoint?: boolean; admin?: boolean; type?: AgencyType } = {}): Promise<Party> => {
  const agencyId = await directory.agency(country, options.type);
  const professional = await directory.professional(agencyId);
  if (options.focalPoint) await directory.focalPoint(country, professional.id);
  return {
    agencyId,
    country,
    professional,
    principal: { subject: professional.subject, roles: options.admin ? ['agency_admin', 'professional'] : ['professional'], country, agencyId },
  };
};

let serbia: Party;
let france: Party;
let franceAdmin: Party;
let bulgaria: Party;
const curator: Principal = { subject: 'attache-1', roles: ['curator'] };
const auditor: Principal = { subject: 'auditor-1', roles: ['auditor'] };
const partner: Principal = { subject: 'unicef-1', roles: ['partner'], partnerId: 'unicef' };

beforeAll(async () => {
  harness = await startAlertsHarness({
    ALERTS_ACK_CRITICAL_MS: String(DEADLINE_MS),
    ALERTS_ACK_NORMAL_MS: String(RESTART_DEADLINE_MS),
    ALERTS_SCHEDULER_INTERVAL_MS: '200',
    ALERTS_CLOSE_AFTER_MS: '500',
    ALERTS_IDENTITY_RETENTION_MS: '1000',
  });
  db = harness.app.get(DataSource);
  directory = await DirectoryFixture.connect(harness.stack.kafkaConnection());
  serbia = await party('RS');
  france = await party('FR', { focalPoint: true });
  franceAdmin = { ...(await party('FR')), agencyId: france.agencyId };
  franceAdmin.principal = { ...franceAdmin.principal, roles: ['agency_admin', 'professional'], agencyId: france.agencyId };
  // The admin must belong to the recipient's agency in the replica too.
  await directory.publish((await import('@cpx/contracts')).DirectoryEvents.types.professionalUpdated, franceAdmin.professional.id, {
    professional: { id: franceAdmin.professional.id, agencyId: france.agencyId, status: 2, subject: franceAdmin.professional.subject, version: 3n },
  });
  bulgaria = await party('BG', { focalPoint: true });
  await waitForReplica(db, [serbia, france, bulgaria].map((p) => p.professional.subject));
  await waitFor(async () => {
    const rows = await db.query(`SELECT agency_id FROM replica_professional WHERE subject = $1`, [franceAdmin.professional.subject]);
    return rows[0]?.agency_id === france.agencyId;
  });
});

afterAll(async () => {
  await directory?.close();
  await harness?.close();
});

/** Calls the service as the gateway does (the child's record sealed, a reveal opened). */
const send = (op: keyof typeof AlertsRequests, request: Parameters<typeof sendAsGateway>[2], principal: Principal) => sendAsGateway(harness, op, request, principal);

function postRequest(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: `key-${randomUUID()}`,
    kind: AlertKind.MISSING_CHILD,
    urgency: Urgency.HIGH,
    originCountry: 'RS',
    targetCountries: ['FR'],
    title: 'Girl missing after leaving a shelter in Belgrade',
    summary: 'Believed to be travelling towards Paris with an adult.',
    child: {
      givenNames: [CHILD_GIVEN],
      familyNames: [CHILD_FAMILY],
      aliases: ['Ljupka'],
      sex: Sex.FEMALE,
      estimatedAge: { minYears: 12, maxYears: 14 },
      nationalities: ['RS'],
      languages: ['sr-Latn', 'rom'],
      distinguishingFeatures: 'scar above the left eyebrow',
      lastKnownPlace: 'Beograd, autobuska stanica',
    },
    ...overrides,
  };
}

describe('posting', () => {
  it('routes to the target country’s focal point, announces it without the identity, and posts once per key', async () => {
    const request = postRequest();
    const { alert, replayed } = await send('postAlert', request, serbia.principal);
    expect(replayed).toBe(false);
    expect(alert.status).toBe(AlertStatus.POSTED);
    expect(alert.targets).toEqual([expect.objectContaining({ country: 'FR', recipientCount: 1, unrouted: false, escalationLevel: 0 })]);

    const seen = await harness.events.waitFor((event) => event.key === alert.id);
    expect(seen.headers).toMatchObject({ ce_type: 'cpx.alerts.v1.AlertPosted', ce_source: '/cpx/alerts', ce_subject: `alerts/${alert.id}` });
    const posted = fromBinary(AlertPostedSchema, seen.value);
    expect(posted.alert).toMatchObject({ alertId: alert.id, originCountry: 'RS', targetCountries: ['FR'], urgency: Urgency.HIGH });
    expect(posted.audience?.subjects).toEqual([france.professional.subject]);
    for (const secret of [CHILD_GIVEN, CHILD_FAMILY, 'Ljupka', 'eyebrow', request.title]) {
      expect(seen.value.includes(Buffer.from(secret))).toBe(false);
    }

    const again = await send('postAlert', request, serbia.principal);
    expect(again).toMatchObject({ replayed: true, alert: { id: alert.id } });
    // The same post spelled otherwise is still a replay: targets reordered and repeated, title padded.
    const respelled = { ...request, targetCountries: ['FR', 'FR'], title: `  ${request.title}  ` };
    expect(await send('postAlert', respelled, serbia.principal)).toMatchObject({ replayed: true, alert: { id: alert.id } });
    // Keyed: nobody who reads the table can test a guessed child against it.
    const [{ request_digest: digest }] = await db.query(`SELECT request_digest FROM alert WHERE id = $1`, [alert.id]);
    expect(digest).toMatch(/^hmac-sha256:test-1:[A-Za-z0-9_-]{43}$/);
    expect(await failureOf(() => send('postAlert', { ...request, title: 'Something else' }, serbia.principal))).toMatchObject({
      code: 'CONFLICT',
      field: 'input.idempotencyKey',
    });
  });

  it('posts once when two identical posts race past the replay check', async () => {
    // Both posts are held at their insert (a table lock, which lets reads through) after
    // each has looked for an earlier post with the key and found none: one then commits,
    // and the other fails on the key's unique constraint and answers as its replay.
    // Driven through the use case: the service reads one fetch of requests at a time, so
    // two posts rarely run at once through Kafka, and this path must still hold when they do.
    const postAlert = harness.app.get(PostAlertUseCase);
    const command = {
      input: Object.assign(new PostAlertInput(), {
        idempotencyKey: `key-${randomUUID()}`,
        kind: 'MISSING_CHILD',
        urgency: 'HIGH',
        originCountry: 'RS',
        targetCountries: ['FR'],
        targetAgencyTypes: [],
        title: 'Девојчица нестала на граничном прелазу',
        summary: 'Last seen at the bus station.',
      }),
      sealedPayload: randomBytes(64),
    };
    const lock = db.createQueryRunner();
    await lock.connect();
    let racing: Promise<{ posted: { alert: { id: string } }; replayed: boolean }[]>;
    try {
      await lock.startTransaction();
      await lock.query('LOCK TABLE alert IN SHARE ROW EXCLUSIVE MODE');
      racing = Promise.all([postAlert.execute(command, serbia.principal), postAlert.execute(command, serbia.principal)]);
      const waitingInserts = async () =>
        (await db.query(`SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'alert' AND NOT l.granted`))[0].n;
      await waitFor(async () => (await waitingInserts()) === 2, 10_000, 'both posts waiting at their insert');
      await lock.commitTransaction();
    } finally {
      await lock.release();
    }
    const results = await racing;
    expect(new Set(results.map((result) => result.posted.alert.id)).size).toBe(1);
    expect(results.map((result) => result.replayed).sort()).toEqual([false, true]);
    expect(await db.query(`SELECT count(*)::int AS n FROM alert WHERE idempotency_key = $1`, [command.input.idempotencyKey])).toEqual([{ n: 1 }]);
  });

  it('flags a target country nobody receives for, and still posts', async () => {
    const agencyInMoldova = await directory.agency('MD');
    await waitFor(async () => (await db.query(`SELECT 1 FROM replica_agency WHERE id = $1`, [agencyInMoldova])).length === 1);
    const { alert } = await send('postAlert', postRequest({ targetCountries: ['FR', 'MD'] }), serbia.principal);
    expect(alert.targets.find((t: { country: string }) => t.country === 'MD')).toMatchObject({ unrouted: true, recipientCount: 0 });
    const seen = await harness.events.waitFor((event) => event.key === alert.id);
    expect(fromBinary(AlertPostedSchema, seen.value).unroutedCountries).toEqual(['MD']);
  });

  it('refuses bad input with the field at fault, and stores nothing', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM alert`))[0].n;
    const future = new Date(Date.now() + 86_400_000 * 30).toISOString().slice(0, 10);
    const cases: [Record<string, unknown>, string][] = [
      [{ targetCountries: [] }, 'input.targetCountries'],
      [{ targetCountries: ['RS'] }, 'input.targetCountries'],
      [{ targetCountries: ['QQ'] }, 'input.targetCountries'],
      [{ kind: AlertKind.UNSPECIFIED }, 'input.kind'],
      [{ urgency: 99 }, 'input.urgency'],
      [{ summary: 'x'.repeat(1_000_000) }, 'input.summary'],
      [{ child: { ...postRequest().child, estimatedAge: undefined, dateOfBirth: future } }, 'input.child.dateOfBirth'],
      [{ child: { ...postRequest().child, estimatedAge: undefined, dateOfBirth: '2001-01-01' } }, 'input.child.dateOfBirth'],
      [{ child: { ...postRequest().child, estimatedAge: { minYears: 12, maxYears: 19 } } }, 'input.child.estimatedAge.maxYears'],
      [{ originCountry: 'FR' }, 'input.originCountry'],
      [{ child: { ...postRequest().child, givenNames: [], aliases: [] } }, 'input.child.givenNames'],
      [{ child: { ...postRequest().child, lastKnownAt: { seconds: BigInt(Math.floor(Date.now() / 1000) + 86_400) } } }, 'input.child.lastKnownAt'],
      [{ child: { ...postRequest().child, lastKnownAt: { seconds: -(10n ** 15n) } } }, 'input.child.lastKnownAt'],
      // The title and summary are in clear for everyone the alert reaches: no names there.
      [{ title: 'Девојчица Станковић нестала' }, 'input.title'],
      [{ summary: 'Goes by LJUPKA; travelling towards Paris.' }, 'input.summary'],
      // Inside the sealed record too, text must be text.
      [{ child: { ...postRequest().child, distinguishingFeatures: 'scar\u0000' } }, 'input.child.distinguishingFeatures'],
    ];
    for (const [overrides, field] of cases) {
      const failure = await failureOf(() => send('postAlert', postRequest(overrides), serbia.principal));
      expect({ overrides: Object.keys(overrides), code: failure.code, field: failure.field }).toEqual({ overrides: Object.keys(overrides), code: 'BAD_USER_INPUT', field });
      expect(failure.message).not.toContain(CHILD_FAMILY);
    }
    expect((await db.query(`SELECT count(*)::int AS n FROM alert`))[0].n).toBe(before);
  });

  it('takes what the API lets a caller leave out: the sex (UNKNOWN), and given names when an alias is known', async () => {
    const { child } = postRequest();
    const request = postRequest({ child: { ...child, givenNames: [], sex: Sex.UNSPECIFIED } });
    const { alert } = await send('postAlert', request, serbia.principal);
    const revealed = await send('revealAlertIdentity', { id: alert.id, purpose: 'Checking what was stored' }, serbia.principal);
    expect(revealed.child).toMatchObject({ givenNames: [], aliases: ['Ljupka'], sex: Sex.UNKNOWN });
  });

  it('lets only verified professionals of a registered agency post', async () => {
    for (const who of [curator, auditor, partner, { subject: 'stranger', roles: ['professional'] } as Principal]) {
      expect(await failureOf(() => send('postAlert', postRequest(), who))).toMatchObject({ code: 'FORBIDDEN' });
    }
  });
});

describe('need-to-know', () => {
  it('shows the alert to its parties and the attaché, and to nobody else', async () => {
    const { alert } = await send('postAlert', postRequest(), serbia.principal);
    for (const who of [serbia.principal, france.principal, franceAdmin.principal, curator]) {
      expect((await send('getAlert', { id: alert.id }, who)).alert.id).toBe(alert.id);
    }
    for (const who of [bulgaria.principal, partner, auditor, { subject: 'admin', roles: ['platform_admin'] } as Principal]) {
      expect(await failureOf(() => send('getAlert', { id: alert.id }, who))).toMatchObject({ code: 'FORBIDDEN' });
      const list = await send('searchAlerts', {}, who);
      expect(list.items.map((a: { id: string }) => a.id)).not.toContain(alert.id);
    }
    expect(await failureOf(() => send('getAlert', { id: randomUUID() }, serbia.principal))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('reveals the identity to a party with a purpose, records every read, and never to the attaché', async () => {
    const { alert } = await send('postAlert', postRequest(), serbia.principal);
    expect(await failureOf(() => send('revealAlertIdentity', { id: alert.id, purpose: 'x' }, france.principal))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'purpose',
    });
    const { child } = await send('revealAlertIdentity', { id: alert.id, purpose: 'Matching a girl found at Gare de Lyon' }, france.principal);
    expect(child).toMatchObject({ givenNames: [CHILD_GIVEN], familyNames: [CHILD_FAMILY], estimatedAge: { minYears: 12, maxYears: 14 } });
    for (const who of [curator, bulgaria.principal, partner, auditor]) {
      expect(await failureOf(() => send('revealAlertIdentity', { id: alert.id, purpose: 'I would like to know who this is' }, who))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await failureOf(() => send('grantIdentityAccess', { id: alert.id, granteeSubject: curator.subject, reason: 'Coordinating the regional search' }, france.principal))).toMatchObject({ code: 'FORBIDDEN' });
    await send('grantIdentityAccess', { id: alert.id, granteeSubject: curator.subject, reason: 'Coordinating the regional search' }, serbia.principal);
    expect((await send('revealAlertIdentity', { id: alert.id, purpose: 'Coordinating the regional search' }, curator)).child.familyNames).toEqual([CHILD_FAMILY]);
    const otherAttache: Principal = { subject: 'attache-2', roles: ['curator'] };
    expect(await failureOf(() => send('revealAlertIdentity', { id: alert.id, purpose: 'Coordinating the regional search' }, otherAttache))).toMatchObject({ code: 'FORBIDDEN' });
    const { reads } = await send('listIdentityReads', { id: alert.id }, serbia.principal);
    expect(reads).toEqual([
      expect.objectContaining({ readerSubject: france.professional.subject, readerCountry: 'FR', purpose: 'Matching a girl found at Gare de Lyon' }),
      expect.objectContaining({ readerSubject: curator.subject, purpose: 'Coordinating the regional search' }),
    ]);
    expect((await send('listIdentityReads', { id: alert.id }, auditor)).reads).toHaveLength(2);
    expect(await failureOf(() => send('listIdentityReads', { id: alert.id }, france.principal))).toMatchObject({ code: 'FORBIDDEN' });
    const stored = await db.query(`SELECT ciphertext FROM child_identity WHERE alert_id = $1`, [alert.id]);
    expect((stored[0].ciphertext as Buffer).includes(Buffer.from(CHILD_FAMILY))).toBe(false);
  });

  it('lets the originating agency take back an attaché’s access, keeping the grant for the audit', async () => {
    const { alert } = await send('postAlert', postRequest(), serbia.principal);
    const attache: Principal = { subject: `attache-${randomUUID()}`, roles: ['curator'] };
    const reveal = () => send('revealAlertIdentity', { id: alert.id, purpose: 'Coordinating the regional search' }, attache);
    await send('grantIdentityAccess', { id: alert.id, granteeSubject: attache.subject, reason: 'Coordinating the regional search' }, serbia.principal);
    expect((await reveal()).child.familyNames).toEqual([CHILD_FAMILY]);

    expect(await failureOf(() => send('revokeIdentityAccess', { id: alert.id, granteeSubject: attache.subject }, france.principal))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failureOf(() => send('revokeIdentityAccess', { id: alert.id, granteeSubject: 'nobody-granted' }, serbia.principal))).toMatchObject({ code: 'NOT_FOUND' });
    const { grant } = await send('revokeIdentityAccess', { id: alert.id, granteeSubject: attache.subject }, serbia.principal);
    expect(grant).toMatchObject({ granteeSubject: attache.subject, revokedBySubject: serbia.professional.subject, reason: 'Coordinating the regional search' });
    expect(grant.revokedAt).toBeDefined();
    expect(await failureOf(reveal)).toMatchObject({ code: 'FORBIDDEN' });
    // Revoking again changes nothing.
    expect((await send('revokeIdentityAccess', { id: alert.id, granteeSubject: attache.subject }, serbia.principal)).grant.revokedAt).toEqual(grant.revokedAt);

    for (const who of [serbia.principal, auditor]) {
      const { grants } = await send('listIdentityGrants', { id: alert.id }, who);
      expect(grants).toEqual([expect.objectContaining({ granteeSubject: attache.subject, grantedBySubject: serbia.professional.subject, revokedAt: grant.revokedAt })]);
    }
    for (const who of [france.principal, attache, partner]) {
      expect(await failureOf(() => send('listIdentityGrants', { id: alert.id }, who))).toMatchObject({ code: 'FORBIDDEN' });
    }
    // Granting again lets the attaché in again.
    await send('grantIdentityAccess', { id: alert.id, granteeSubject: attache.subject, reason: 'The search started again in Skopje' }, serbia.principal);
    expect((await reveal()).child.familyNames).toEqual([CHILD_FAMILY]);
    // The log keeps both grants: the first revoked, the second open with its own reason.
    const { grants } = await send('listIdentityGrants', { id: alert.id }, auditor);
    expect(grants).toEqual([
      expect.objectContaining({ reason: 'Coordinating the regional search', revokedAt: grant.revokedAt }),
      expect.objectContaining({ reason: 'The search started again in Skopje' }),
    ]);
    expect(grants[1].revokedAt).toBeUndefined();
  });

  it('gives auditors the trail of identity reads across alerts, newest first, narrowed and paged', async () => {
    // Reads of earlier tests are before this moment (to the millisecond).
    const since = new Date();
    const alerts = [];
    for (let index = 0; index < 3; index += 1) alerts.push((await send('postAlert', postRequest(), serbia.principal)).alert);
    for (const alert of alerts) await send('revealAlertIdentity', { id: alert.id, purpose: 'Matching a child found at the border' }, france.principal);
    await send('revealAlertIdentity', { id: alerts[0].id, purpose: 'Checking our own record again' }, serbia.principal);
    const search = (request: Record<string, unknown>) => send('searchIdentityReads', { since: timestampFromDate(since), ...request }, auditor);

    const first = await search({ readerSubject: france.professional.subject, page: { first: 2 } });
    expect(first.totalCount).toBe(3);
    expect(first.hasNextPage).toBe(true);
    const second = await search({ readerSubject: france.professional.subject, page: { first: 2, after: first.endCursor } });
    const trail = [...first.items, ...second.items];
    expect(trail.map((read: { alertId: string }) => read.alertId)).toEqual([alerts[2].id, alerts[1].id, alerts[0].id]);
    expect(trail.every((read: { readerCountry: string; purpose: string }) => read.readerCountry === 'FR' && read.purpose === 'Matching a child found at the border')).toBe(true);
    const aboutOne = await search({ alertId: alerts[0].id });
    expect(aboutOne.items.map((read: { readerSubject: string }) => read.readerSubject)).toEqual([serbia.professional.subject, france.professional.subject]);

    for (const who of [serbia.principal, france.principal, curator, partner]) {
      expect(await failureOf(() => send('searchIdentityReads', {}, who))).toMatchObject({ code: 'FORBIDDEN' });
    }
    for (const [request, field] of [
      [{ page: { after: encodeCursor(['identity-reads', '99999999999999999999']) } }, 'after'],
      [{ page: { after: encodeCursor(['alerts', '12']) } }, 'after'],
      [{ alertId: 'not-an-id' }, 'alertId'],
      [{ readerSubject: 'x'.repeat(300) }, 'readerSubject'],
      [{ since: { seconds: 2000n }, until: { seconds: 1000n } }, 'until'],
    ] as const) {
      expect(await failureOf(() => send('searchIdentityReads', request, auditor))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('takes a photo at the size cap through Kafka and gives it back to a party', async () => {
    // At 2,000,000 bytes the sealed record is over Kafka's default record size (about 1 MB):
    // the request and reply topics must take it, or the post fails as SERVICE_UNAVAILABLE.
    const photo = randomBytes(2_000_000);
    const child = { ...postRequest().child, photo, photoContentType: 'image/jpeg' };
    const { alert } = await send('postAlert', postRequest({ child }), serbia.principal);
    const revealed = await send('revealAlertIdentity', { id: alert.id, purpose: 'Comparing with a photo from the border police' }, france.principal);
    expect(Buffer.from(revealed.child.photo).equals(photo)).toBe(true);
    expect(revealed.child.photoContentType).toBe('image/jpeg');
  });

  it('locks out a professional the directory suspended, replays of their own posts included', async () => {
    const someone = await party('RS');
    await waitForReplica(db, [someone.professional.subject]);
    const earlier = postRequest();
    await send('postAlert', earlier, someone.principal);
    await directory.suspend(someone.professional, someone.agencyId);
    await waitFor(async () => (await db.query(`SELECT status FROM replica_professional WHERE id = $1`, [someone.professional.id]))[0]?.status === 'SUSPENDED');
    expect(await failureOf(() => send('searchAlerts', {}, someone.principal))).toMatchObject({ code: 'FORBIDDEN' });
    // A replay would answer with the alert as it is now: not to a suspended professional.
    expect(await failureOf(() => send('postAlert', earlier, someone.principal))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps a suspension through forged reinstatements: a wrong ce_source or a version that jumps changes nothing and is dead-lettered', async () => {
    const someone = await party('RS');
    await waitForReplica(db, [someone.professional.subject]);
    await directory.suspend(someone.professional, someone.agencyId); // version 3
    const replica = async () => (await db.query(`SELECT status, source_version::int AS version FROM replica_professional WHERE id = $1`, [someone.professional.id]))[0];
    await waitFor(async () => (await replica())?.status === 'SUSPENDED');
    const dlq = await EventReader.start(harness.stack.kafkaConnection(), [`${DirectoryEvents.topic}.dlq`]);
    try {
      const verified = (version: bigint) => ({
        professional: { id: someone.professional.id, agencyId: someone.agencyId, status: VerificationStatus.VERIFIED, subject: someone.professional.subject, version },
      });
      const { professionalVerified, professionalReinstated } = DirectoryEvents.types;
      const foreign = await directory.publish(professionalVerified, someone.professional.id, verified(4n), { source: '/cpx/feeds' });
      const jump = await directory.publish(professionalVerified, someone.professional.id, verified(9_000_000_000n));
      const dead = await Promise.all([foreign, jump].map((id) => dlq.waitFor((event) => event.headers.ce_id === id, 30_000)));
      expect(dead.map((event) => event.headers['cpx-dlq-error'])).toEqual([
        expect.stringContaining('ce_source "/cpx/feeds" is not the owner of cpx.directory.v1.events (/cpx/directory)'),
        expect.stringContaining('version 9000000000 does not follow 3 (only 4 does)'),
      ]);
      expect(await replica()).toEqual({ status: 'SUSPENDED', version: 3 });
      expect(await failureOf(() => send('searchAlerts', {}, someone.principal))).toMatchObject({ code: 'FORBIDDEN' });
      // The huge version did not make the directory's own next change look old.
      await directory.publish(professionalReinstated, someone.professional.id, verified(4n));
      await waitFor(async () => (await replica())?.status === 'VERIFIED');
      expect(await replica()).toEqual({ status: 'VERIFIED', version: 4 });
    } finally {
      await dlq.close();
    }
  });

  it('lets only verified professionals and attachés follow alerts live, and stops a suspended one', async () => {
    const someone = await party('RS');
    await waitForReplica(db, [someone.professional.subject]);
    await send('checkLiveAccess', {}, someone.principal);
    await send('checkLiveAccess', {}, { subject: `attache-${randomUUID()}`, roles: ['curator'] });
    for (const refused of [
      { ...someone.principal, subject: `unregistered-${randomUUID()}` },
      { subject: `partner-${randomUUID()}`, roles: ['partner'], partnerId: 'unicef' } as Principal,
      { subject: `auditor-${randomUUID()}`, roles: ['auditor'] } as Principal,
    ]) {
      expect(await failureOf(() => send('checkLiveAccess', {}, refused))).toMatchObject({ code: 'FORBIDDEN' });
    }
    await directory.suspend(someone.professional, someone.agencyId);
    await waitFor(async () => (await db.query(`SELECT status FROM replica_professional WHERE id = $1`, [someone.professional.id]))[0]?.status === 'SUSPENDED');
    expect(await failureOf(() => send('checkLiveAccess', {}, someone.principal))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('does not take a record of another agency bound to the caller’s subject for theirs', async () => {
    // An agency admin types subjects when inviting people: a record of their agency bound
    // to the subject of someone in another agency must neither let that person post as a
    // member of it nor, once suspended, lock them out.
    const squatted = await party('RS');
    await waitForReplica(db, [squatted.professional.subject]);
    const elsewhere: Principal = { ...squatted.principal, agencyId: randomUUID(), country: 'BG' };
    expect(await failureOf(() => send('postAlert', postRequest(), elsewhere))).toMatchObject({ code: 'FORBIDDEN' });
    await directory.suspend(squatted.professional, squatted.agencyId);
    await waitFor(async () => (await db.query(`SELECT status FROM replica_professional WHERE id = $1`, [squatted.professional.id]))[0]?.status === 'SUSPENDED');
    // The attaché (no agency) whose subject it is keeps working.
    await send('searchAlerts', {}, { subject: squatted.principal.subject, roles: ['curator'] });
  });
});

describe('lifecycle', () => {
  it('acknowledges per country (idempotently), exchanges updates, resolves, then refuses steps out of order', async () => {
    const { alert } = await send('postAlert', postRequest(), serbia.principal);
    expect((await send('getInbox', {}, france.principal)).items.map((a: { id: string }) => a.id)).toContain(alert.id);
    expect(await failureOf(() => send('acknowledgeAlert', { id: alert.id }, bulgaria.principal))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failureOf(() => send('acknowledgeAlert', { id: alert.id }, serbia.principal))).toMatchObject({ code: 'FORBIDDEN' });
    const acknowledged = await send('acknowledgeAlert', { id: alert.id }, france.principal);
    expect(acknowledged.alert.status).toBe(AlertStatus.IN_PROGRESS);
    expect(acknowledged.alert.targets[0].acknowledgedAt).toBeDefined();
    const again = await send('acknowledgeAlert', { id: alert.id }, franceAdmin.principal);
    expect(again.alert.version).toBe(acknowledged.alert.version);
    expect((await send('getInbox', {}, france.principal)).items.map((a: { id: string }) => a.id)).not.toContain(alert.id);

    // The thread is in clear for every party: the child's names stay in the sealed record.
    expect(await failureOf(() => send('addAlertUpdate', { id: alert.id, text: `${CHILD_GIVEN} vue à la gare de Lyon.` }, france.principal))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.text' });
    const { update } = await send('addAlertUpdate', { id: alert.id, text: 'Vue à la gare de Lyon ce matin.', sighting: { place: 'Paris, Gare de Lyon', seenAt: { seconds: BigInt(Math.floor(Date.now() / 1000) - 600) } } }, france.principal);
    expect(update.sighting.place).toBe('Paris, Gare de Lyon');
    const read = await send('getAlert', { id: alert.id }, serbia.principal);
    expect(read.updates.map((u: { text: string }) => u.text)).toEqual(['Vue à la gare de Lyon ce matin.']);
    // An update is a change: a client holding the acknowledged version must see a newer one.
    expect(read.alert.version).toBe(acknowledged.alert.version + 1n);

    expect(await failureOf(() => send('cancelAlert', { id: alert.id, reason: 'no' }, france.principal))).toMatchObject({ code: 'FORBIDDEN' });
    // Only the originating agency resolves; the target country reports the child found,
    // an entry of its own kind on the thread that the originator reads (and sees live).
    expect(await failureOf(() => send('resolveAlert', { id: alert.id, outcome: Outcome.FOUND_SAFE }, france.principal))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failureOf(() => send('reportChildFound', { id: alert.id, note: 'Found.' }, serbia.principal))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failureOf(() => send('reportChildFound', { id: alert.id, note: `${CHILD_GIVEN} est à l’ASE.` }, france.principal))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    expect(await failureOf(() => send('reportChildFound', { id: alert.id, note: '  ' }, france.principal))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'note' });
    const found = await send('reportChildFound', { id: alert.id, note: 'Trouvé sain et sauf, confié à l’ASE de Paris.' }, france.principal);
    expect(found.update).toMatchObject({ kind: AlertUpdateKind.CHILD_FOUND, authorCountry: 'FR', text: 'Trouvé sain et sauf, confié à l’ASE de Paris.' });
    const proposed = await send('getAlert', { id: alert.id }, serbia.principal);
    expect(proposed.alert.status).toBe(AlertStatus.IN_PROGRESS);
    expect(proposed.updates.map((u: { kind: AlertUpdateKind }) => u.kind)).toEqual([AlertUpdateKind.NOTE, AlertUpdateKind.CHILD_FOUND]);
    const resolved = await send('resolveAlert', { id: alert.id, outcome: Outcome.FOUND_SAFE, note: 'With the ASE in Paris' }, serbia.principal);
    expect(resolved.alert.status).toBe(AlertStatus.RESOLVED);
    expect(await failureOf(() => send('resolveAlert', { id: alert.id, outcome: Outcome.FOUND_SAFE }, serbia.principal))).toMatchObject({ code: 'CONFLICT' });
    expect(await failureOf(() => send('cancelAlert', { id: alert.id, reason: 'late' }, serbia.principal))).toMatchObject({ code: 'CONFLICT' });
    expect(await failureOf(() => send('reportChildFound', { id: alert.id, note: 'Found again.' }, france.principal))).toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a sighting in the future or before the child was born, storing nothing', async () => {
    const { alert } = await send('postAlert', postRequest(), serbia.principal);
    for (const seconds of [BigInt(Math.floor(Date.now() / 1000) + 86_400), BigInt(Date.parse('1990-01-01') / 1000), 10n ** 15n]) {
      const request = { id: alert.id, text: 'Seen.', sighting: { place: 'Paris, Gare de Lyon', seenAt: { seconds } } };
      expect(await failureOf(() => send('addAlertUpdate', request, france.principal))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sighting.seenAt' });
    }
    expect((await send('getAlert', { id: alert.id }, serbia.principal)).updates).toEqual([]);
  });

  it('closes an ended alert, then erases the identity and the free texts after retention, keeping the alert, its counts and timings', async () => {
    const request = postRequest();
    const { alert } = await send('postAlert', request, serbia.principal);
    const seenAt = new Date(Date.now() - 3_600_000);
    await send('addAlertUpdate', { id: alert.id, text: 'Seen with an adult man.', sighting: { place: 'Paris, Gare de Lyon', seenAt: timestampFromDate(seenAt) } }, france.principal);
    await send('addAlertUpdate', { id: alert.id, text: 'Shelter informed.' }, serbia.principal);
    await send('cancelAlert', { id: alert.id, reason: 'Posted by mistake' }, serbia.principal);
    await harness.events.waitFor((event) => event.key === alert.id && event.headers.ce_type === 'cpx.alerts.v1.AlertClosed');
    await harness.events.waitFor((event) => event.key === alert.id && event.headers.ce_type === 'cpx.alerts.v1.AlertIdentityErased');
    const read = await send('getAlert', { id: alert.id }, serbia.principal);
    expect(read.alert).toMatchObject({ status: AlertStatus.CLOSED, identityErased: true });
    expect(await failureOf(() => send('revealAlertIdentity', { id: alert.id, purpose: 'Checking the erased record' }, serbia.principal))).toMatchObject({ code: 'NOT_FOUND' });
    expect((await db.query(`SELECT count(*)::int AS n FROM child_identity WHERE alert_id = $1`, [alert.id]))[0].n).toBe(0);
    // The request digest covered the child's record: erased with it. The key can then no
    // longer be compared, whatever the child: CONFLICT, never a replay of the closed alert.
    expect(await db.query(`SELECT request_digest FROM alert WHERE id = $1`, [alert.id])).toEqual([{ request_digest: null }]);
    expect(await failureOf(() => send('postAlert', request, serbia.principal))).toMatchObject({ code: 'CONFLICT', field: 'input.idempotencyKey' });
    // The free texts are erased; how many updates and sightings there were, and when, stay.
    expect(await db.query(`SELECT title, summary, outcome_note, posted_at IS NOT NULL AS dated FROM alert WHERE id = $1`, [alert.id])).toEqual([
      { title: ERASED_TEXT, summary: ERASED_TEXT, outcome_note: ERASED_TEXT, dated: true },
    ]);
    const updates = await db.query(`SELECT text, sighting_place, sighting_at, created_at FROM alert_update WHERE alert_id = $1 ORDER BY created_at`, [alert.id]);
    expect(updates).toEqual([
      { text: ERASED_TEXT, sighting_place: ERASED_TEXT, sighting_at: seenAt, created_at: expect.any(Date) },
      { text: ERASED_TEXT, sighting_place: null, sighting_at: null, created_at: expect.any(Date) },
    ]);
    const erased = await send('getAlert', { id: alert.id }, serbia.principal);
    expect(erased.alert).toMatchObject({ title: ERASED_TEXT, summary: ERASED_TEXT, outcomeNote: ERASED_TEXT });
    expect(erased.updates).toHaveLength(2);
    expect(JSON.stringify(erased, (_key, value) => (typeof value === 'bigint' ? String(value) : value))).not.toMatch(/Gare de Lyon|adult man|mistake|Belgrade|Paris with/);
  });
});

describe('the child is not named in any text', () => {
  const { HOSTILE_TEXTS, INNOCENT_TEXTS, MARKO, MARKO_CYRILLIC } = nameGuardTables;
  /** The hostile texts about Marko Jovanović, whose record is written in Latin or in Cyrillic. */
  const aboutMarko = HOSTILE_TEXTS.filter(([names]) => names === MARKO || names === MARKO_CYRILLIC);
  const childNamed = (names: string[]) => ({ ...postRequest().child, givenNames: names.slice(0, 1), familyNames: names.slice(1), aliases: [] });
  /** The field's last segment: the plain-text check names a request's own field (`text`), the name guard the API's (`input.text`). */
  const refusedOn = (field: string) => ({ code: 'BAD_USER_INPUT', field: expect.stringMatching(new RegExp(`(^|\\.)${field.split('.').at(-1)}$`)) });

  it('refuses a post whose title or summary names the child, posting nothing', async () => {
    for (const [names, text] of aboutMarko) {
      for (const field of ['title', 'summary'] as const) {
        const request = postRequest({ [field]: text, child: childNamed(names) });
        expect({ text, field, failure: await failureOf(() => send('postAlert', request, serbia.principal)) }).toEqual({ text, field, failure: expect.objectContaining(refusedOn(`input.${field}`)) });
        expect(await db.query(`SELECT count(*)::int AS n FROM alert WHERE idempotency_key = $1`, [request.idempotencyKey])).toEqual([{ n: 0 }]);
      }
    }
  });

  it('refuses every later text that names the child, against the sealed record, changing nothing', async () => {
    // One alert per child of the table (Serbian in both scripts, Greek, Bulgarian, Macedonian, Albanian, Romanian, Russian-style...).
    const children = [...new Set(HOSTILE_TEXTS.map(([names]) => names))];
    for (const names of children) {
      const texts = HOSTILE_TEXTS.filter(([of]) => of === names).map(([, text]) => text);
      const { alert } = await send('postAlert', postRequest({ child: childNamed(names) }), serbia.principal);
      const operations: [keyof typeof AlertsRequests, (text: string) => Record<string, unknown>, Principal, string][] = [
        ['addAlertUpdate', (text) => ({ id: alert.id, text }), france.principal, 'input.text'],
        ['addAlertUpdate', (text) => ({ id: alert.id, text: 'Seen.', sighting: { place: text, seenAt: timestampFromDate(new Date()) } }), france.principal, 'input.sighting.place'],
        ['resolveAlert', (text) => ({ id: alert.id, outcome: Outcome.FOUND_SAFE, note: text }), serbia.principal, 'note'],
        ['cancelAlert', (text) => ({ id: alert.id, reason: text }), serbia.principal, 'reason'],
        ['revealAlertIdentity', (text) => ({ id: alert.id, purpose: `${text} (file check)` }), france.principal, 'purpose'],
        ['grantIdentityAccess', (text) => ({ id: alert.id, granteeSubject: curator.subject, reason: `${text} (coordination)` }), serbia.principal, 'reason'],
      ];
      for (const [operation, request, principal, field] of operations) {
        for (const text of texts) {
          const failure = await failureOf(() => send(operation, request(text), principal));
          expect({ operation, text, failure }).toEqual({ operation, text, failure: expect.objectContaining(refusedOn(field)) });
          for (const name of names) expect(failure.message).not.toContain(name);
        }
      }
      const { alert: after, updates } = await send('getAlert', { id: alert.id }, serbia.principal);
      expect(after).toMatchObject({ status: AlertStatus.POSTED, version: alert.version, outcomeNote: '' });
      expect(updates).toEqual([]);
      // Nothing read, nothing granted: the audit log holds no read or grant of this alert.
      const audited = `SELECT count(*)::int FROM audit_entry WHERE alert_id = $1 AND action = `;
      expect(await db.query(`SELECT (${audited}'IDENTITY_READ') AS reads, (SELECT count(*)::int FROM identity_grant WHERE alert_id = $1) + (${audited}'IDENTITY_GRANTED') AS grants`, [alert.id])).toEqual([
        { reads: 0, grants: 0 },
      ]);
    }
  });

  it('accepts texts that merely contain a common word', async () => {
    for (const [names, text] of INNOCENT_TEXTS) {
      const { alert } = await send('postAlert', postRequest({ title: text.slice(0, 200), summary: text, child: childNamed(names) }), serbia.principal);
      const { update } = await send('addAlertUpdate', { id: alert.id, text, sighting: { place: text.slice(0, 200), seenAt: timestampFromDate(new Date()) } }, france.principal);
      expect(update.text).toBe(text);
    }
  });
});

describe('paging', () => {
  it('pages with its own cursors, and refuses forged or swapped ones as BAD_USER_INPUT on `after`', async () => {
    await send('postAlert', postRequest(), serbia.principal);
    await send('postAlert', postRequest(), serbia.principal);
    const first = await send('searchAlerts', { page: { first: 1 } }, serbia.principal);
    expect(first.hasNextPage).toBe(true);
    const second = await send('searchAlerts', { page: { first: 1, after: first.endCursor } }, serbia.principal);
    expect(second.items[0].id).not.toBe(first.items[0].id);

    const forged = [
      encodeCursor(['alerts', 'not a date', randomUUID()]),
      encodeCursor(['alerts', new Date().toISOString(), 'not-a-uuid']),
    ];
    for (const after of forged) {
      expect(await failureOf(() => send('searchAlerts', { page: { after } }, serbia.principal))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    // The alert list's cursor in the inbox: both are a time and an id, but not the same ones.
    expect(await failureOf(() => send('getInbox', { page: { after: first.endCursor } }, france.principal))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('escalation', () => {
  const escalations = (alertId: string) =>
    harness.events.seen
      .filter((event) => event.key === alertId && event.headers.ce_type === 'cpx.alerts.v1.AlertEscalated')
      .map((event) => fromBinary(AlertEscalatedSchema, event.value))
      .map((event) => `${event.country}:${event.level}`);

  it('escalates an unacknowledged critical alert to the focal points, then the attaché — once each, with two instances racing', async () => {
    const second = await harness.startInstance();
    try {
      const { alert } = await send('postAlert', postRequest({ urgency: Urgency.CRITICAL, targetCountries: ['FR', 'BG'] }), serbia.principal);
      await send('acknowledgeAlert', { id: alert.id }, bulgaria.principal);
      await waitFor(async () => escalations(alert.id).length >= 2, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(escalations(alert.id)).toEqual(['FR:1', 'FR:2']);
      const read = await send('getAlert', { id: alert.id }, curator);
      expect(read.alert.targets.find((t: { country: string }) => t.country === 'FR').escalationLevel).toBe(2);
      expect(read.alert.targets.find((t: { country: string }) => t.country === 'BG').escalationLevel).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('escalates a deadline that passed while the service was down', async () => {
    const postedAt = Date.now();
    const { alert } = await send('postAlert', postRequest({ urgency: Urgency.NORMAL }), serbia.principal);
    await harness.app.close();
    expect(Date.now() - postedAt).toBeLessThan(RESTART_DEADLINE_MS);
    await new Promise((resolve) => setTimeout(resolve, RESTART_DEADLINE_MS - (Date.now() - postedAt) + 1_000));
    expect(escalations(alert.id)).toEqual([]);
    harness.app = await harness.startInstance();
    db = harness.app.get(DataSource); // the old instance's connections closed with it
    await waitFor(async () => escalations(alert.id).includes('FR:1'), 30_000);
  });
});

describe('authorization matrix: every operation × who asks', () => {
  type Who = 'originator' | 'recipient' | 'recipientAdmin' | 'sameCountryStranger' | 'unrelatedCountry' | 'attache' | 'auditor' | 'partner' | 'platformAdmin';
  type Op =
    | 'getAlert'
    | 'acknowledgeAlert'
    | 'addAlertUpdate'
    | 'reportChildFound'
    | 'revealAlertIdentity'
    | 'grantIdentityAccess'
    | 'listIdentityReads'
    | 'resolveAlert'
    | 'cancelAlert';

  // ✓ allowed, ✗ FORBIDDEN. Resolve and cancel are checked on fresh alerts (they end it).
  const expected: Record<Op, Who[]> = {
    getAlert: ['originator', 'recipient', 'recipientAdmin', 'attache'],
    acknowledgeAlert: ['recipient', 'recipientAdmin'],
    addAlertUpdate: ['originator', 'recipient', 'recipientAdmin'],
    reportChildFound: ['recipient', 'recipientAdmin'],
    revealAlertIdentity: ['originator', 'recipient', 'recipientAdmin'],
    grantIdentityAccess: ['originator'],
    listIdentityReads: ['originator', 'auditor'],
    resolveAlert: ['originator'],
    cancelAlert: ['originator'],
  };

  const request: Record<Op, (id: string) => object> = {
    getAlert: (id) => ({ id }),
    acknowledgeAlert: (id) => ({ id }),
    addAlertUpdate: (id) => ({ id, text: 'checking' }),
    reportChildFound: (id) => ({ id, note: 'Found safe in Paris.' }),
    revealAlertIdentity: (id) => ({ id, purpose: 'authorization matrix check' }),
    grantIdentityAccess: (id) => ({ id, granteeSubject: 'attache-1', reason: 'authorization matrix check' }),
    listIdentityReads: (id) => ({ id }),
    resolveAlert: (id) => ({ id, outcome: Outcome.OTHER }),
    cancelAlert: (id) => ({ id, reason: 'matrix' }),
  };

  it('allows exactly the expected callers and refuses the others with FORBIDDEN', async () => {
    const stranger = await party('FR');
    await waitForReplica(db, [stranger.professional.subject]);
    const callers: Record<Who, Principal> = {
      originator: serbia.principal,
      recipient: france.principal,
      recipientAdmin: franceAdmin.principal,
      sameCountryStranger: stranger.principal,
      unrelatedCountry: bulgaria.principal,
      attache: curator,
      auditor,
      partner,
      platformAdmin: { subject: 'platform-admin', roles: ['platform_admin'] },
    };
    const outcomes: string[] = [];
    for (const op of Object.keys(expected) as Op[]) {
      for (const who of Object.keys(callers) as Who[]) {
        const { alert } = await send('postAlert', postRequest(), serbia.principal);
        let result: string;
        try {
          await send(op, request[op](alert.id), callers[who]);
          result = 'allowed';
        } catch (error) {
          result = (error as { code: string }).code;
        }
        outcomes.push(`${op} by ${who}: ${result}`);
      }
    }
    const wanted = (Object.keys(expected) as Op[]).flatMap((op) =>
      (Object.keys(callers) as Who[]).map((who) => `${op} by ${who}: ${expected[op].includes(who) ? 'allowed' : 'FORBIDDEN'}`),
    );
    expect(outcomes).toEqual(wanted);
  });

  it('gives per-country figures to coordinators: open, overdue, acknowledged, median time to acknowledge', async () => {
    const { countries } = await send('getAlertFigures', {}, curator);
    const fr = countries.find((row: { country: string }) => row.country === 'FR');
    expect(fr.open).toBeGreaterThan(0);
    expect(fr.acknowledged).toBeGreaterThan(0);
    expect(Number(fr.medianSecondsToAcknowledge)).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(countries, (_, value) => (typeof value === 'bigint' ? Number(value) : value))).not.toContain(CHILD_FAMILY);
  });
});

describe('directory replica', () => {
  const shiftOf = (id: string) => db.query(`SELECT ends_at FROM replica_on_duty_shift WHERE id = $1`, [id]) as Promise<{ ends_at: Date }[]>;
  /** A party's agency, professional and focal points in the replica: their events travel on partitions of their own. */
  const replicated = (who: Party, focalPoints = 0) =>
    waitFor(async () => {
      const [row] = await db.query(
        `SELECT (SELECT count(*)::int FROM replica_agency WHERE id = $1) AS agencies,
                (SELECT count(*)::int FROM replica_professional WHERE id = $2) AS professionals,
                (SELECT count(*)::int FROM replica_focal_point WHERE professional_id = $2) AS focal_points`,
        [who.agencyId, who.professional.id],
      );
      return row.agencies === 1 && row.professionals === 1 && row.focal_points === focalPoints;
    });

  it('takes a state that joined after the service started as a target, once its events are consumed', async () => {
    // No list of countries here to update: the country comes with the directory's events.
    await directory.publish(DirectoryEvents.types.countryRegistered, 'MT', { country: { code: 'MT', name: 'Malta', languages: ['mt', 'en'] } });
    const malta = await party('MT', { focalPoint: true });
    await replicated(malta, 1);
    const { alert } = await send('postAlert', postRequest({ targetCountries: ['MT'] }), serbia.principal);
    expect(alert.targets).toEqual([expect.objectContaining({ country: 'MT', recipientCount: 1, unrouted: false })]);
  });

  it('stops routing to a professional whose on-duty shift ended, once OnDutyEnded is consumed', async () => {
    // Croatia has nobody else: whoever receives its alerts is on duty through this shift.
    const croatia = await party('HR');
    await replicated(croatia);
    const shift = {
      id: randomUUID(),
      professionalId: croatia.professional.id,
      country: 'HR',
      alertKind: AlertKind.UNSPECIFIED,
      startsAt: timestampFromDate(new Date(Date.now() - 3_600_000)),
      endsAt: timestampFromDate(new Date(Date.now() + 30 * 86_400_000)),
    };
    await directory.publish(DirectoryEvents.types.onDutyScheduled, shift.id, { shift });
    await waitFor(async () => (await shiftOf(shift.id)).length === 1);
    const during = await send('postAlert', postRequest({ targetCountries: ['HR'] }), serbia.principal);
    expect(during.alert.targets).toEqual([expect.objectContaining({ country: 'HR', recipientCount: 1, unrouted: false })]);

    const endedAt = new Date();
    await directory.publish(DirectoryEvents.types.onDutyEnded, shift.id, { shift: { ...shift, endsAt: timestampFromDate(endedAt) } });
    await waitFor(async () => (await shiftOf(shift.id))[0]!.ends_at.getTime() === endedAt.getTime());
    const after = await send('postAlert', postRequest({ targetCountries: ['HR'] }), serbia.principal);
    expect(after.alert.targets).toEqual([expect.objectContaining({ country: 'HR', recipientCount: 0, unrouted: true })]);

    // The same shift scheduled again by a late or repeated event does not bring it back.
    await directory.publish(DirectoryEvents.types.onDutyScheduled, shift.id, { shift });
    await directory.publish(DirectoryEvents.types.onDutyEnded, shift.id, { shift: { ...shift, endsAt: timestampFromDate(new Date(endedAt.getTime() + 60_000)) } });
    // Same key, same partition, in order: once the second end is handled, the re-scheduling was too.
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM cpx_inbox WHERE event_type = 'cpx.directory.v1.OnDutyEnded'`))[0].n >= 2);
    expect((await shiftOf(shift.id))[0]!.ends_at.getTime()).toBe(endedAt.getTime());
  });
});

// Last in this file: after it, stored identities are wrapped by a key the running service does not hold.
describe('master key rotation', () => {
  it('re-wraps sealed identities under the new key, and the new key alone then opens them', async () => {
    const { alert } = await send('postAlert', postRequest(), serbia.principal);
    const oldKeys = parseMasterKeys(harness.config.ALERTS_MASTER_KEYS);
    const newKey = randomBytes(32);
    const rotating = new IdentityVault(new Map([...oldKeys, ['test-2', newKey]]), 'test-2');
    const rewrapKeys = new RewrapIdentityKeysUseCase(db, rotating);
    let rewrapped = 0;
    for (let pass = await rewrapKeys.execute(); pass > 0; pass = await rewrapKeys.execute()) rewrapped += pass;
    expect(rewrapped).toBeGreaterThan(0);
    const rows = await db.query(`SELECT key_id, wrapped_key, ciphertext FROM child_identity WHERE alert_id = $1`, [alert.id]);
    expect(rows[0].key_id).toBe('test-2');
    const afterRotation = new IdentityVault(new Map([['test-2', newKey]]), 'test-2');
    const opened = fromBinary(
      ChildIdentitySchema,
      afterRotation.open(alert.id, { keyId: rows[0].key_id, wrappedKey: rows[0].wrapped_key, ciphertext: rows[0].ciphertext }),
    );
    expect(opened.familyNames).toEqual([CHILD_FAMILY]);
    expect((await db.query(`SELECT count(*)::int AS n FROM child_identity WHERE key_id <> 'test-2'`))[0].n).toBe(0);
  });
});
