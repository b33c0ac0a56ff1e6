/**
 * The audit log on real Postgres and Kafka: what a grant, a reveal, a revocation, a
 * re-grant and a refused reveal leave behind, what the auditor's integrity check says
 * when rows are altered, deleted or swapped behind the service's back (as the database
 * superuser, triggers off), and that the role the service runs as cannot change the log.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { AlertKind, AlertsRequests, AuditBreakReason, Sex, Urgency } from '@cpx/contracts';
import {
  CreateMessagingTables1764370000000,
  databaseUrl,
  openServiceDatabase,
  serviceDatabaseName,
  type Principal,
} from '@cpx/platform';
import { DirectoryFixture, failureOf, waitFor, type ServiceHarness } from '@cpx/testing';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { GlobalChainWalk } from '../src/audit/domain/audit-chain';
import { AUDIT_COLUMNS, auditEntryOf, type AuditRow } from '../src/audit/audit.store';
import { AlertIdCommand } from '../src/alerts/alert-id.command';
import { GetAlertUseCase } from '../src/alerts/get-alert.usecase';
import { AlertsConfig } from '../src/config/alerts.config';
import { CreateAlerts1764370000200 } from '../src/database/migrations/1764370000200-create-alerts';
import { IdentityGrants1764370000300 } from '../src/database/migrations/1764370000300-identity-grants';
import { KeyedRequestDigest1764370000400 } from '../src/database/migrations/1764370000400-keyed-request-digest';
import { IdentityReadAudit1764370000500 } from '../src/database/migrations/1764370000500-identity-read-audit';
import { RevocableIdentityGrants1764370000600 } from '../src/database/migrations/1764370000600-revocable-identity-grants';
import { TamperEvidentAudit1765300000100 } from '../src/database/migrations/1765300000100-tamper-evident-audit';
import { sendAsGateway, startAlertsHarness, waitForReplica } from './alerts-harness';

jest.setTimeout(120_000);

const CHILD_GIVEN = 'Ljubica';
const CHILD_FAMILY = 'Stanković';

let harness: ServiceHarness<AlertsConfig>;
let directory: DirectoryFixture;
let db: DataSource;
/** The database superuser on the service's database: what an intruder with the server's keys could do. */
let superuser: Client;

let origin: Principal;
let recipient: Principal;
const attache: Principal = { subject: 'attache-audit', roles: ['curator'] };
const auditor: Principal = { subject: 'auditor-1', roles: ['auditor'] };
const partner: Principal = { subject: 'unicef-1', roles: ['partner'], partnerId: 'unicef' };

async function professionalOf(country: string, focalPoint = false): Promise<Principal> {
  const agencyId = await directory.agency(country);
  const professional = await directory.professional(agencyId);
  if (focalPoint) await directory.focalPoint(country, professional.id);
  return { subject: professional.subject, roles: ['professional'], country, agencyId };
}

beforeAll(async () => {
  harness = await startAlertsHarness();
  db = harness.app.get(DataSource);
  superuser = new Client({ connectionString: databaseUrl(harness.stack.databaseUrl, serviceDatabaseName('alerts', harness.config)) });
  await superuser.connect();
  directory = await DirectoryFixture.connect(harness.stack.kafkaConnection());
  origin = await professionalOf('RS');
  recipient = await professionalOf('FR', true);
  await waitForReplica(db, [origin.subject, recipient.subject]);
});

afterAll(async () => {
  await superuser?.end();
  await directory?.close();
  await harness?.close();
});

/** Calls the service as the gateway does (the child's record sealed, a reveal opened). */
const send = (op: keyof typeof AlertsRequests, request: Parameters<typeof sendAsGateway>[2], principal: Principal) => sendAsGateway(harness, op, request, principal);

async function postAlert(): Promise<string> {
  const { alert } = await send(
    'postAlert',
    {
      idempotencyKey: `key-${randomUUID()}`,
      kind: AlertKind.MISSING_CHILD,
      urgency: Urgency.HIGH,
      originCountry: 'RS',
      targetCountries: ['FR'],
      title: 'Girl missing after leaving a shelter in Belgrade',
      summary: 'Believed to be travelling towards Paris with an adult.',
      child: { givenNames: [CHILD_GIVEN], familyNames: [CHILD_FAMILY], sex: Sex.FEMALE, estimatedAge: { minYears: 12, maxYears: 14 }, nationalities: ['RS'] },
    },
    origin,
  );
  return alert.id;
}

const integrity = (alertId = '') => send('checkAuditIntegrity', { alertId }, auditor);

interface Row {
  seq: string;
  action: string;
  actor_subject: string;
  at: Date;
  details: Record<string, unknown>;
}
const entriesOf = async (alertId: string): Promise<Row[]> =>
  (await superuser.query(`SELECT seq, action, actor_subject, at, details FROM audit_entry WHERE alert_id = $1 ORDER BY seq`, [alertId])).rows;

/** Runs `tamper` as the superuser with triggers off, checks what the auditor is told, then puts the log back. */
async function whileTampered(tamper: string[], restore: string[], check: () => Promise<void>): Promise<void> {
  const run = async (statements: string[]) => {
    await superuser.query('BEGIN');
    await superuser.query(`SET LOCAL session_replication_role = replica`);
    for (const statement of statements) await superuser.query(statement);
    await superuser.query('COMMIT');
  };
  await run(tamper);
  try {
    await check();
  } finally {
    await run(restore);
  }
  expect(await integrity()).toMatchObject({ ok: true });
}

describe('the audit log', () => {
  let alertId: string;

  beforeAll(async () => {
    alertId = await postAlert();
    const purpose = 'Coordinating the regional search';
    await send('grantIdentityAccess', { id: alertId, granteeSubject: attache.subject, reason: 'Coordinating the regional search' }, origin);
    expect((await send('revealAlertIdentity', { id: alertId, purpose }, attache)).child.familyNames).toEqual([CHILD_FAMILY]);
    await send('revokeIdentityAccess', { id: alertId, granteeSubject: attache.subject }, origin);
    await send('grantIdentityAccess', { id: alertId, granteeSubject: attache.subject, reason: 'The search started again in Skopje' }, origin);
    expect(await failureOf(() => send('revealAlertIdentity', { id: alertId, purpose: 'I would like to know who this is' }, partner))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps grant -> read -> revoke -> grant -> refused read as five entries, in the order they happened', async () => {
    const entries = await entriesOf(alertId);
    expect(entries.map((entry) => entry.action)).toEqual(['IDENTITY_GRANTED', 'IDENTITY_READ', 'IDENTITY_REVOKED', 'IDENTITY_GRANTED', 'IDENTITY_READ_REFUSED']);
    const times = entries.map((entry) => entry.at.getTime());
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    // The refusal says who, which alert and why; not the purpose the refused caller gave.
    expect(entries[4]).toMatchObject({ actor_subject: partner.subject, details: { reason: 'NOT_ALLOWED', relation: 'none' } });
    expect(JSON.stringify(entries)).not.toContain('I would like to know');

    const { grants } = await send('listIdentityGrants', { id: alertId }, auditor);
    expect(grants).toHaveLength(2);
    const [first, second] = grants;
    expect(first).toMatchObject({ granteeSubject: attache.subject, grantedBySubject: origin.subject, reason: 'Coordinating the regional search', revokedBySubject: origin.subject });
    expect(second).toMatchObject({ reason: 'The search started again in Skopje', revokedBySubject: '' });
    expect(second.revokedAt).toBeUndefined();
    const { reads } = await send('listIdentityReads', { id: alertId }, origin);
    expect(reads).toEqual([expect.objectContaining({ readerSubject: attache.subject, purpose: 'Coordinating the regional search' })]);
    const seconds = (t: { seconds: bigint; nanos: number }) => Number(t.seconds) * 1000 + t.nanos / 1e6;
    expect(seconds(first.grantedAt)).toBeLessThanOrEqual(seconds(reads[0].readAt));
    expect(seconds(reads[0].readAt)).toBeLessThanOrEqual(seconds(first.revokedAt));
    expect(seconds(first.revokedAt)).toBeLessThanOrEqual(seconds(second.grantedAt));
  });

  it('records reads of the alert’s texts: one entry per alert read, one per page listed', async () => {
    await send('getAlert', { id: alertId }, recipient);
    const { items } = await send('searchAlerts', { page: { first: 5 } }, recipient);
    expect(items.map((alert: { id: string }) => alert.id)).toContain(alertId);
    expect((await entriesOf(alertId)).at(-1)).toMatchObject({ action: 'ALERT_READ', actor_subject: recipient.subject, details: { relation: 'recipient' } });
    const listed = await superuser.query(`SELECT actor_subject, details FROM audit_entry WHERE action = 'ALERTS_LISTED' ORDER BY seq DESC LIMIT 1`);
    expect(listed.rows[0]).toMatchObject({ actor_subject: recipient.subject, details: { list: 'alerts', alertIds: items.map((alert: { id: string }) => alert.id) } });
  });

  it('never holds the child’s identity', async () => {
    const all = await superuser.query(`SELECT actor_subject, details::text FROM audit_entry`);
    for (const name of [CHILD_GIVEN, CHILD_FAMILY]) expect(JSON.stringify(all.rows)).not.toContain(name);
  });

  it('is found intact by the auditor, and checked for nobody else', async () => {
    const verdict = await integrity();
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.firstBreak).toBeUndefined();
    expect(Number(verdict.checkedEntries)).toBeGreaterThanOrEqual(7);
    // The head it was checked against, for the auditor to keep.
    const head = (await superuser.query(`SELECT seq, hash FROM audit_chain_head`)).rows[0];
    expect({ seq: verdict.headSeq, hash: Buffer.from(verdict.headHash).toString('hex') }).toEqual({ seq: BigInt(head.seq), hash: head.hash.toString('hex') });
    expect(verdict.checkedEntries).toBe(verdict.headSeq);
    expect(await integrity(alertId)).toMatchObject({ ok: true, checkedEntries: 6n });
    for (const who of [origin, recipient, attache, partner]) {
      expect(await failureOf(() => send('checkAuditIntegrity', {}, who))).toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await failureOf(() => send('checkAuditIntegrity', { alertId: 'not-an-id' }, auditor))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'alertId' });
  });

  it('checks from a head kept at an earlier check: only what came after, and whether that entry is still as it was', async () => {
    const earlier = await integrity();
    const kept = { fromSeq: earlier.headSeq, fromHash: earlier.headHash };
    await send('getAlert', { id: alertId }, recipient);
    await send('getAlert', { id: alertId }, origin);
    expect(await send('checkAuditIntegrity', kept, auditor)).toMatchObject({ ok: true, checkedEntries: 2n, headSeq: earlier.headSeq + 2n });
    expect(await send('checkAuditIntegrity', { ...kept, fromHash: new Uint8Array(32) }, auditor)).toMatchObject({
      ok: false,
      firstBreak: { seq: earlier.headSeq, reason: AuditBreakReason.ANCHOR_MISMATCH },
    });
    const details = (await superuser.query(`SELECT details::text FROM audit_entry WHERE seq = $1`, [earlier.headSeq.toString()])).rows[0].details as string;
    await whileTampered(
      [`UPDATE audit_entry SET details = details || '{"rewritten": true}' WHERE seq = ${earlier.headSeq}`],
      [`UPDATE audit_entry SET details = '${details.replaceAll(`'`, `''`)}'::jsonb WHERE seq = ${earlier.headSeq}`],
      async () => expect(await send('checkAuditIntegrity', kept, auditor)).toMatchObject({ ok: false, firstBreak: { reason: AuditBreakReason.ANCHOR_MISMATCH } }),
    );
    for (const [request, field] of [
      [{ fromSeq: earlier.headSeq }, 'fromSeq'],
      [{ fromSeq: earlier.headSeq, fromHash: new Uint8Array(31) }, 'fromHash'],
      [{ ...kept, alertId }, 'fromSeq'],
    ] as const) {
      expect(await failureOf(() => send('checkAuditIntegrity', request, auditor))).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('reports an altered row, at that row, whole and per alert', async () => {
    const read = (await entriesOf(alertId))[1]!;
    const original = JSON.stringify(read.details).replaceAll(`'`, `''`);
    await whileTampered(
      [`UPDATE audit_entry SET details = jsonb_set(details, '{purpose}', '"Routine check"') WHERE seq = ${read.seq}`],
      [`UPDATE audit_entry SET details = '${original}'::jsonb WHERE seq = ${read.seq}`],
      async () => {
        const broken = { ok: false, firstBreak: { seq: BigInt(read.seq), alertId, reason: AuditBreakReason.ALTERED } };
        expect(await integrity()).toMatchObject(broken);
        expect(await integrity(alertId)).toMatchObject(broken);
      },
    );
    await whileTampered(
      [`UPDATE audit_entry SET at = at - interval '1 hour' WHERE seq = ${read.seq}`],
      [`UPDATE audit_entry SET at = at + interval '1 hour' WHERE seq = ${read.seq}`],
      async () => expect(await integrity()).toMatchObject({ firstBreak: { seq: BigInt(read.seq), reason: AuditBreakReason.ALTERED } }),
    );
  });

  it('reports a deleted row at the entry after it, and deleted last rows against the chain head', async () => {
    const [, read, revoke] = await entriesOf(alertId);
    const copy = `CREATE TEMP TABLE kept ON COMMIT PRESERVE ROWS AS SELECT * FROM audit_entry WHERE seq = ${read!.seq}`;
    await whileTampered(
      [copy, `DELETE FROM audit_entry WHERE seq = ${read!.seq}`],
      [`INSERT INTO audit_entry SELECT * FROM kept`, `DROP TABLE kept`],
      async () => {
        expect(await integrity()).toMatchObject({ ok: false, firstBreak: { seq: BigInt(revoke!.seq), reason: AuditBreakReason.SEQUENCE_GAP } });
        expect(await integrity(alertId)).toMatchObject({ ok: false, firstBreak: { seq: BigInt(revoke!.seq), reason: AuditBreakReason.ALERT_LINK_BROKEN } });
      },
    );
    const last = (await superuser.query(`SELECT seq FROM audit_chain_head`)).rows[0].seq as string;
    await whileTampered(
      [`CREATE TEMP TABLE kept ON COMMIT PRESERVE ROWS AS SELECT * FROM audit_entry WHERE seq = ${last}`, `DELETE FROM audit_entry WHERE seq = ${last}`],
      [`INSERT INTO audit_entry SELECT * FROM kept`, `DROP TABLE kept`],
      async () => expect(await integrity()).toMatchObject({ ok: false, firstBreak: { seq: BigInt(last), reason: AuditBreakReason.HEAD_MISMATCH } }),
    );
  });

  it('reports two rows swapped, whether their places or their contents were exchanged', async () => {
    const [grant, read] = await entriesOf(alertId);
    const [a, b] = [grant!.seq, read!.seq];
    // Their sequence numbers exchanged: each now sits where the other was.
    const aside = 1_000_000_000_000;
    const swapSeq = [
      `UPDATE audit_entry SET seq = seq + ${aside} WHERE seq IN (${a}, ${b})`,
      `UPDATE audit_entry SET seq = CASE seq WHEN ${BigInt(a) + BigInt(aside)} THEN ${b} ELSE ${a} END WHERE seq > ${aside}`,
    ];
    await whileTampered(swapSeq, swapSeq, async () => {
      expect(await integrity()).toMatchObject({ ok: false, firstBreak: { seq: BigInt(a), reason: AuditBreakReason.ALTERED } });
    });
    // Everything but the sequence numbers exchanged, hashes and links included.
    const columns = ['at', 'actor_subject', 'alert_id', 'action', 'details', 'prev_hash_global', 'prev_hash_alert', 'hash'];
    const swapContents = [
      `UPDATE audit_entry x SET ${columns.map((c) => `${c} = y.${c}`).join(', ')}
         FROM audit_entry y WHERE (x.seq, y.seq) IN ((${a}, ${b}), (${b}, ${a}))`,
    ];
    await whileTampered(swapContents, swapContents, async () => {
      expect(await integrity()).toMatchObject({ ok: false, firstBreak: { seq: BigInt(a), reason: AuditBreakReason.ALTERED } });
    });
  });
});

describe('a reveal racing a revocation', () => {
  it('waits for it, and is refused: the log never shows a read after the revocation that stopped it', async () => {
    const alertId = await postAlert();
    const racer: Principal = { subject: `attache-${randomUUID()}`, roles: ['curator'] };
    await send('grantIdentityAccess', { id: alertId, granteeSubject: racer.subject, reason: 'Coordinating the regional search' }, origin);
    // A revocation under way: the grant's row locked and marked, not yet committed.
    await superuser.query('BEGIN');
    let reveal: Promise<unknown> | undefined;
    try {
      await superuser.query(`UPDATE identity_grant SET revoked_at = now(), revoked_by_subject = $3 WHERE alert_id = $1 AND grantee_subject = $2`, [alertId, racer.subject, origin.subject]);
      reveal = failureOf(() => send('revealAlertIdentity', { id: alertId, purpose: 'Coordinating the regional search' }, racer));
      await waitFor(async () => {
        const rows = await db.query(`SELECT count(*)::int AS n FROM pg_locks l WHERE NOT l.granted AND l.locktype IN ('transactionid', 'tuple', 'relation')`);
        return rows[0].n > 0;
      }, 10_000, 'the reveal waiting for the revocation');
    } finally {
      await superuser.query('COMMIT');
    }
    expect(await reveal).toMatchObject({ code: 'FORBIDDEN' });
    expect((await entriesOf(alertId)).map((entry) => entry.action)).toEqual(['IDENTITY_GRANTED', 'IDENTITY_READ_REFUSED']);
  });
});

describe('appends from several instances', () => {
  it('make one chain, without gaps, however they interleave', async () => {
    const alertId = await postAlert();
    const other = await harness.startInstance();
    try {
      const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM audit_entry`);
      const readers = [harness.app.get(GetAlertUseCase), other.get(GetAlertUseCase)];
      await Promise.all(Array.from({ length: 40 }, (_, index) => readers[index % 2]!.execute(AlertIdCommand.from({ id: alertId }), index % 3 ? recipient : origin)));
      const [{ n: after }] = await db.query(`SELECT count(*)::int AS n FROM audit_entry`);
      expect(after - before).toBe(40);
      expect(await integrity()).toMatchObject({ ok: true });
      expect(await integrity(alertId)).toMatchObject({ ok: true, checkedEntries: 40n });
    } finally {
      await other.close();
    }
  });
});

describe('the role the service runs as', () => {
  const refusal = async (statement: string) => {
    try {
      await db.query(statement);
    } catch (error) {
      return (error as { code?: string }).code;
    }
    return 'accepted';
  };

  it('is the database’s runtime role, not the owner', async () => {
    const [{ current_user: role }] = await db.query(`SELECT current_user`);
    expect(role).toBe(`${serviceDatabaseName('alerts', harness.config)}_runtime`);
  });

  it('gets a permission error on UPDATE, DELETE and TRUNCATE of audit rows, and cannot switch the triggers off', async () => {
    await send('getAlert', { id: await postAlert() }, origin);
    for (const statement of [
      `UPDATE audit_entry SET actor_subject = 'someone-else'`,
      `DELETE FROM audit_entry`,
      `TRUNCATE audit_entry`,
      `DELETE FROM audit_chain_head`,
      `ALTER TABLE audit_entry DISABLE TRIGGER USER`,
      `SET session_replication_role = replica`,
    ]) {
      expect([statement, await refusal(statement)]).toEqual([statement, '42501']);
    }
    // The chain head moves only to an entry that is in the log, one at a time.
    expect(await refusal(`UPDATE audit_chain_head SET seq = 0`)).toBe('42501');
    expect(await integrity()).toMatchObject({ ok: true });
  });

  it('is refused by the trigger too when the owner itself tries', async () => {
    for (const statement of [`UPDATE audit_entry SET actor_subject = 'x'`, `DELETE FROM audit_entry`, `TRUNCATE audit_entry`]) {
      await expect(superuser.query(statement)).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('append-only') });
    }
  });
});

describe('the migration to the log', () => {
  it('appends the reads and grants kept before it, in the order they happened, as a chain that verifies', async () => {
    const before = [CreateMessagingTables1764370000000, CreateAlerts1764370000200, IdentityGrants1764370000300, KeyedRequestDigest1764370000400, IdentityReadAudit1764370000500, RevocableIdentityGrants1764370000600];
    const database = `${serviceDatabaseName('alerts', harness.config)}_legacy`;
    const legacy = await openServiceDatabase({ serverUrl: harness.stack.databaseUrl, database, entities: [], migrations: before });
    const [alertA, alertB] = [randomUUID(), randomUUID()];
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1, 9, minutes));
    try {
      for (const id of [alertA, alertB]) {
        await legacy.query(
          `INSERT INTO alert (id, idempotency_key, request_digest, kind, urgency, status, origin_country, origin_agency_id, posted_by_subject, title, summary, posted_at, updated_at, version)
           VALUES ($1, $4, '', 'MISSING_CHILD', 'HIGH', 'POSTED', 'RS', $2, 'pro-rs', 'Girl missing', 'Last seen in Niš.', $3, $3, 1)`,
          [id, randomUUID(), at(0), `key-${id}`],
        );
      }
      await legacy.query(`INSERT INTO identity_grant (alert_id, grantee_subject, granted_by_subject, reason, granted_at, revoked_at, revoked_by_subject) VALUES ($1, 'attache-1', 'pro-rs', 'Coordinating the search', $2, $3, 'pro-rs')`, [alertA, at(1), at(4)]);
      const read = `INSERT INTO identity_read (alert_id, reader_subject, reader_agency_id, reader_country, purpose, read_at) VALUES ($1, $2, NULL, $3, $4, $5)`;
      await legacy.query(read, [alertA, 'attache-1', '', 'Coordinating the search', at(2)]);
      await legacy.query(read, [alertB, 'pro-fr', 'FR', 'Matching a girl found in Lyon', at(3)]);
    } finally {
      await legacy.destroy();
    }

    const migrated = await openServiceDatabase({ serverUrl: harness.stack.databaseUrl, database, entities: [], migrations: [...before, TamperEvidentAudit1765300000100], runtimeRole: `${database}_runtime` });
    try {
      const rows = await migrated.query<AuditRow[]>(`SELECT ${AUDIT_COLUMNS} FROM audit_entry ORDER BY seq`);
      expect(rows.map((row) => [row.action, row.alert_id, row.at.toISOString()])).toEqual([
        ['IDENTITY_GRANTED', alertA, at(1).toISOString()],
        ['IDENTITY_READ', alertA, at(2).toISOString()],
        ['IDENTITY_READ', alertB, at(3).toISOString()],
        ['IDENTITY_REVOKED', alertA, at(4).toISOString()],
      ]);
      expect(rows[2]!.details).toEqual({ purpose: 'Matching a girl found in Lyon', readerAgencyId: null, readerCountry: 'FR', backfilled: true });
      const [head] = await migrated.query<{ seq: string; hash: Buffer }[]>(`SELECT seq, hash FROM audit_chain_head`);
      const walk = new GlobalChainWalk();
      walk.accept(rows.map(auditEntryOf));
      expect(walk.finish({ seq: String(head!.seq), hash: head!.hash })).toEqual({ ok: true, checked: 4 });
      expect(await migrated.query(`SELECT to_regclass('identity_read') AS t`)).toEqual([{ t: null }]);
      expect((await migrated.query(`SELECT current_user AS role`))[0].role).toBe(`${database}_runtime`);
    } finally {
      await migrated.destroy();
    }
  });

  it('works for an owner that is no superuser: it creates the runtime role, takes it, and cannot change the log as it', async () => {
    const owner = `cpx_owner_${randomBytes(3).toString('hex')}`;
    await superuser.query(`CREATE ROLE ${owner} LOGIN PASSWORD 'owner-password' CREATEDB CREATEROLE`);
    const serverUrl = new URL(harness.stack.databaseUrl);
    serverUrl.username = owner;
    serverUrl.password = 'owner-password';
    const database = `${owner}_alerts`;
    const dataSource = await openServiceDatabase({
      serverUrl: serverUrl.toString(),
      database,
      entities: [],
      migrations: [CreateMessagingTables1764370000000, CreateAlerts1764370000200, IdentityGrants1764370000300, KeyedRequestDigest1764370000400, IdentityReadAudit1764370000500, RevocableIdentityGrants1764370000600, TamperEvidentAudit1765300000100],
      runtimeRole: `${database}_runtime`,
    });
    try {
      expect((await dataSource.query(`SELECT current_user AS role, session_user AS session`))[0]).toEqual({ role: `${database}_runtime`, session: owner });
      await expect(dataSource.query(`DELETE FROM audit_entry`)).rejects.toMatchObject({ code: '42501' });
      await expect(dataSource.query(`ALTER TABLE audit_entry DISABLE TRIGGER USER`)).rejects.toMatchObject({ code: '42501' });
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM alert`)).toEqual([{ n: 0 }]);
    } finally {
      await dataSource.destroy();
    }
  });
});
