import { randomBytes, randomUUID } from 'node:crypto';
import type { Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import type { AlertsConfig } from '../config/alerts.config';
import { IdentityVault } from '../identity/identity-vault';
import { refusalOf } from '../../test/refusal-of';
import { normalisedPost, PostAlertInput } from './post-alert.input';
import type { PostAlertCommand } from './post-alert.command';
import { PostAlertUseCase } from './post-alert.usecase';
import { RequestDigests } from './domain/request-digest';

const AGENCY_ID = randomUUID();
const ALERT_ID = randomUUID();
const poster: Principal = { subject: 'poster-1', roles: ['professional'], country: 'RS', agencyId: AGENCY_ID };
const masterKeys = new Map([['k1', randomBytes(32)]]);
const digests = new RequestDigests(masterKeys, 'k1');

interface Stored {
  /** The poster as the directory replica has them; none: not a registered professional. */
  caller?: { status: string; agencyId?: string };
  /** The alert an earlier post with the same key made. */
  earlier?: { requestDigest: string | null };
}

/**
 * Just enough of TypeORM for the replay path: the caller's replica row and the earlier
 * post are answered by their SQL; every statement is recorded, so a test can tell what
 * was read before a refusal.
 */
function fakeDatabase(stored: Stored) {
  const statements: string[] = [];
  const callerRow = stored.caller && {
    id: randomUUID(),
    agency_id: stored.caller.agencyId ?? AGENCY_ID,
    subject: poster.subject,
    status: stored.caller.status,
    source_version: '1',
    agency_row_id: stored.caller.agencyId ?? AGENCY_ID,
    agency_country: 'RS',
    agency_type: 'SOCIAL_SERVICES',
    agency_source_version: '1',
  };
  const client = {
    query: async ({ text }: { text: string }) => {
      statements.push(text);
      if (text.includes('FROM replica_professional')) return { rows: callerRow ? [callerRow] : [] };
      if (text.includes('FROM alert WHERE posted_by_subject')) {
        return { rows: stored.earlier ? [{ id: ALERT_ID, request_digest: stored.earlier.requestDigest }] : [] };
      }
      throw new Error(`The fake database does not answer: ${text}`);
    },
  };
  const alert = { id: ALERT_ID, origin_agency_id: AGENCY_ID, status: 'POSTED', request_digest: stored.earlier?.requestDigest, version: 1 };
  const manager = {
    queryRunner: { isReleased: false, connect: async () => client },
    // The earlier alert (alert.store.ts loadAlert), with no targets or recipients.
    query: async (text: string) => (text.includes('FROM alert WHERE id') ? [alert] : []),
  };
  const dataSource = { transaction: (work: (m: typeof manager) => unknown) => work(manager) } as unknown as DataSource;
  return { dataSource, statements };
}

function useCase(dataSource: DataSource): PostAlertUseCase {
  return new PostAlertUseCase(dataSource, new IdentityVault(masterKeys, 'k1'), digests, {} as AlertsConfig);
}

/** A command as PostAlertCommand.from makes one: its post checked and normalised. */
function aCommand(overrides: Partial<PostAlertInput> = {}): PostAlertCommand {
  return {
    input: normalisedPost(Object.assign(new PostAlertInput(), {
      idempotencyKey: 'key-0001',
      kind: 'MISSING_CHILD',
      urgency: 'HIGH',
      originCountry: 'RS',
      targetCountries: ['FR', 'HR'],
      targetAgencyTypes: ['POLICE', 'SOCIAL_SERVICES'],
      title: 'Djevojčica nestala iz prihvatilišta u Beogradu',
      summary: '',
      ...overrides,
    })),
    sealedPayload: new Uint8Array([1, 2, 3]),
  };
}

/** The digest the first post of this command stored. */
function digestOf(command: PostAlertCommand): string {
  return digests.digest(normalisedPost(command.input), command.sealedPayload);
}

describe('posting an alert: replays', () => {
  it('answers a replay by the poster with the alert it posted', async () => {
    const { dataSource } = fakeDatabase({ caller: { status: 'VERIFIED' }, earlier: { requestDigest: digestOf(aCommand()) } });
    const { posted, replayed } = await useCase(dataSource).execute(aCommand(), poster);
    expect(replayed).toBe(true);
    expect(posted.alert.id).toBe(ALERT_ID);
  });

  it('refuses a replay by a suspended poster with FORBIDDEN, before looking the key up', async () => {
    const { dataSource, statements } = fakeDatabase({ caller: { status: 'SUSPENDED' }, earlier: { requestDigest: digestOf(aCommand()) } });
    expect(await refusalOf(() => useCase(dataSource).execute(aCommand(), poster))).toMatchObject({ code: 'FORBIDDEN' });
    expect(statements.some((text) => text.includes('idempotency_key'))).toBe(false);
  });

  it('refuses a replay by a caller the directory does not know', async () => {
    const { dataSource } = fakeDatabase({ caller: undefined, earlier: { requestDigest: digestOf(aCommand()) } });
    expect(await refusalOf(() => useCase(dataSource).execute(aCommand(), poster))).toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a replay by the poster once they work for another agency: the alert is no longer theirs to see', async () => {
    const newAgency = randomUUID();
    const { dataSource } = fakeDatabase({ caller: { status: 'VERIFIED', agencyId: newAgency }, earlier: { requestDigest: digestOf(aCommand()) } });
    const moved = { ...poster, agencyId: newAgency };
    expect(await refusalOf(() => useCase(dataSource).execute(aCommand(), moved))).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/not sent to you/) });
  });

  it('refuses the same key with a different request as CONFLICT on the key', async () => {
    const { dataSource } = fakeDatabase({ caller: { status: 'VERIFIED' }, earlier: { requestDigest: digestOf(aCommand()) } });
    const different = [
      aCommand({ title: 'Another child' }),
      aCommand({ targetCountries: ['FR'] }),
      { ...aCommand(), sealedPayload: new Uint8Array([1, 2, 4]) },
    ];
    for (const command of different) {
      expect(await refusalOf(() => useCase(dataSource).execute(command, poster))).toMatchObject({
        code: 'CONFLICT',
        field: 'input.idempotencyKey',
        message: expect.stringMatching(/already used for a different alert/),
      });
    }
  });

  it('recognises a replay that lists the targets in another order, twice, or pads the title', async () => {
    const { dataSource } = fakeDatabase({ caller: { status: 'VERIFIED' }, earlier: { requestDigest: digestOf(aCommand()) } });
    const first = aCommand().input;
    const respelled = aCommand({
      targetCountries: ['HR', 'FR', 'HR'],
      targetAgencyTypes: ['SOCIAL_SERVICES', 'POLICE'],
      // The same title, decomposed (NFD) and padded.
      title: `  ${first.title.normalize('NFD')}\n`,
      summary: ' ',
    });
    expect(await useCase(dataSource).execute(respelled, poster)).toMatchObject({ replayed: true, posted: { alert: { id: ALERT_ID } } });
  });

  it('refuses a key whose alert can no longer be compared (identity erased, or a digest from before keying) as CONFLICT', async () => {
    const plainSha256 = 'n4bQgYhMfWWaL-qgxVrQFaO_TxsrC4Is0V1sFbDwCgg';
    for (const requestDigest of [null, plainSha256]) {
      const { dataSource } = fakeDatabase({ caller: { status: 'VERIFIED' }, earlier: { requestDigest } });
      expect(await refusalOf(() => useCase(dataSource).execute(aCommand(), poster))).toMatchObject({
        code: 'CONFLICT',
        field: 'input.idempotencyKey',
        message: expect.stringMatching(/can no longer be compared/),
      });
    }
  });
});
