import { create, fromBinary } from '@bufbuild/protobuf';
import { TimestampSchema, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertKind, AlertsRequests, ChildIdentitySchema, Sex, Urgency, type ChildIdentity } from '@cpx/contracts';
import { parseKeyList, PayloadOpener, PayloadSealer, postAlertContext, type Principal } from '@cpx/platform';
import { newLocalKeys } from '@cpx/stack';
import { sendOverKafka } from '@cpx/testing';
import type { AlertsConfig } from '../config/alerts.config';
import { refusalOf } from '../../test/refusal-of';
import type { AcknowledgeAlertUseCase } from './acknowledge-alert.usecase';
import type { AddAlertUpdateUseCase } from './add-alert-update.usecase';
import type { AlertRow } from './alert.store';
import { AlertsHandler } from './alerts.handler';
import type { EndAlertUseCase } from './end-alert.usecase';
import type { GetAlertFiguresUseCase } from './get-alert-figures.usecase';
import type { GetAlertUseCase } from './get-alert.usecase';
import type { GetInboxUseCase } from './get-inbox.usecase';
import type { PostAlertCommand } from './post-alert.command';
import type { PostAlertUseCase } from './post-alert.usecase';
import type { ReportChildFoundUseCase } from './report-child-found.usecase';
import type { SearchAlertsUseCase } from './search-alerts.usecase';

const principal: Principal = { subject: 'poster-1', roles: ['professional'] };
const keys = newLocalKeys('unit-1');
const keyList = (holder: 'gateway' | 'alerts', variable: string) => parseKeyList(keys.env[holder][variable]!, variable);
const sealerToAlerts = PayloadSealer.create(keyList('gateway', 'GATEWAY_ALERTS_SEALING_KEYS'), 'unit-1', 'GATEWAY_ALERTS_SEALING_KEYS');

/** The handler with a post use case that records what it was asked; the rest is never reached. */
async function aHandler() {
  const commands: PostAlertCommand[] = [];
  const postAlert = {
    execute: async (command: PostAlertCommand) => {
      commands.push(command);
      const alert = { ...command.input, id: 'alert-1', status: 'POSTED', postedAt: new Date(), updatedAt: new Date(), closedAt: null, version: 1 } as unknown as AlertRow;
      return { posted: { alert, targets: [], recipients: [] }, replayed: false };
    },
  } as unknown as PostAlertUseCase;
  const unused = {} as never;
  const handler = new AlertsHandler(
    postAlert,
    unused as AcknowledgeAlertUseCase,
    unused as AddAlertUpdateUseCase,
    unused as ReportChildFoundUseCase,
    unused as EndAlertUseCase,
    unused as GetAlertUseCase,
    unused as SearchAlertsUseCase,
    unused as GetInboxUseCase,
    unused as GetAlertFiguresUseCase,
    { ALERTS_MAX_PHOTO_BYTES: 2_000_000 } as AlertsConfig,
    await PayloadOpener.create(keyList('alerts', 'ALERTS_OPENING_KEYS'), 'ALERTS_OPENING_KEYS'),
  );
  const post = async (request: ReturnType<typeof aPostRequest>) => (await sendOverKafka(handler, 'post', AlertsRequests.postAlert, await request, principal)).response;
  return { post, commands };
}

type Child = Omit<ChildIdentity, '$typeName' | '$unknown'>;

async function aPostRequest(child: Partial<Child> = {}) {
  const idempotencyKey = 'key-0001';
  return {
    idempotencyKey,
    kind: AlertKind.MISSING_CHILD,
    urgency: Urgency.HIGH,
    originCountry: 'RS',
    targetCountries: ['FR'],
    title: 'Girl missing after leaving a shelter',
    sealedChild: await (await sealerToAlerts).seal(
      ChildIdentitySchema,
      { givenNames: ['Ljubica'], familyNames: ['Stanković'], sex: Sex.FEMALE, estimatedAge: { minYears: 12, maxYears: 14 }, ...child },
      postAlertContext(idempotencyKey),
    ),
  };
}

describe('posting an alert over Kafka: what the API lets a caller leave out', () => {
  it('takes a child whose sex is not given as UNKNOWN, and seals it so', async () => {
    const { post, commands } = await aHandler();
    await post(aPostRequest({ sex: Sex.UNSPECIFIED }));
    expect(commands[0]!.input.child.sex).toBe('UNKNOWN');
    expect(fromBinary(ChildIdentitySchema, commands[0]!.sealedPayload).sex).toBe(Sex.UNKNOWN);
  });

  it('takes a child known only by an alias', async () => {
    const { post, commands } = await aHandler();
    await post(aPostRequest({ givenNames: [], familyNames: [], aliases: ['Ljupka'] }));
    expect(commands[0]!.input.child).toMatchObject({ givenNames: [], aliases: ['Ljupka'] });
  });

  it('refuses a child with neither a given name nor an alias, or with a blank one, naming input.child.givenNames', async () => {
    const { post, commands } = await aHandler();
    expect(await refusalOf(() => post(aPostRequest({ givenNames: [], aliases: [] })))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'input.child.givenNames',
      message: 'input.child.givenNames: must have at least one given name when aliases is empty',
    });
    expect(await refusalOf(() => post(aPostRequest({ givenNames: [' '] })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.child.givenNames',
    });
    expect(commands).toHaveLength(0);
  });

  it('still refuses a sex that is not one of the enum values', async () => {
    const { post } = await aHandler();
    expect(await refusalOf(() => post(aPostRequest({ sex: 99 as Sex })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.child.sex',
    });
  });
});

describe('posting an alert over Kafka: the last-known time', () => {
  it('refuses one in the future, or past what a timestamp can hold, as BAD_USER_INPUT naming input.child.lastKnownAt', async () => {
    const { post, commands } = await aHandler();
    const inAnHour = BigInt(Math.floor(Date.now() / 1000) + 3_600);
    for (const seconds of [inAnHour, 10n ** 15n, -(10n ** 15n)]) {
      expect(await refusalOf(() => post(aPostRequest({ lastKnownAt: create(TimestampSchema, { seconds }) })))).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input.child.lastKnownAt',
      });
    }
    expect(commands).toHaveLength(0);
  });

  it('takes one from yesterday', async () => {
    const { post, commands } = await aHandler();
    await post(aPostRequest({ lastKnownAt: timestampFromDate(new Date(Date.now() - 86_400_000)) }));
    expect(commands).toHaveLength(1);
  });
});
