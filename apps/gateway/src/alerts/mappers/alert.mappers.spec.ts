import { create } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, AlertStatus, ChildIdentitySchema, CountryFiguresSchema, IdentityReadSchema, Outcome, PostAlertRequestSchema, Sex, Urgency } from '@cpx/contracts';
import type { AddAlertUpdateInput, AlertFilterInput } from '../inputs/alert-args.input';
import type { ChildIdentityInput, PostAlertInput } from '../inputs/post-alert.input';
import { ALERT_ID, anAlert, anUpdate, ORIGIN_AGENCY_ID, POSTED } from '../testing/alert-factories';
import { addAlertUpdateRequest, alertFilterToProto, postAlertRequest, toAlert, toCountryFigures, toIdentityRead } from './alert.mapper';
import { childIdentityToProto, toChildIdentity } from './child-identity.mapper';
import { postAlertContext } from '@cpx/platform';
import { testServices } from '../../../test/test-gateway';

const PHOTO = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

function aChildInput(overrides: Partial<ChildIdentityInput> = {}): ChildIdentityInput {
  return {
    givenNames: ['Јована', 'Ana'],
    familyNames: ['Petrović'],
    aliases: ['Γιοβάνα'],
    sex: 'FEMALE',
    dateOfBirth: '2012-04-30',
    estimatedAge: { minYears: 12, maxYears: 14 },
    nationalities: ['RS', 'XK'],
    languages: ['sr-Cyrl', 'rom'],
    distinguishingFeatures: 'Ожиљак на левој руци',
    lastKnownPlace: 'Autobuska stanica Niš',
    lastKnownAt: new Date('2025-05-31T19:00:00Z'),
    photo: PHOTO.toString('base64'),
    photoContentType: 'image/jpeg',
    ...overrides,
  };
}

describe('alert mappers', () => {
  it("round-trips the child's identity through protobuf, photo included", () => {
    const input = aChildInput();
    const proto = create(ChildIdentitySchema, childIdentityToProto(input));
    expect(Buffer.from(proto.photo)).toEqual(PHOTO);
    expect(proto.sex).toBe(Sex.FEMALE);
    expect(toChildIdentity(proto)).toEqual({ ...input });
  });

  it("maps an identity's empty values to null, and leaves no content type without a photo", () => {
    const input = aChildInput({ sex: null, dateOfBirth: null, estimatedAge: null, distinguishingFeatures: null, lastKnownPlace: null, lastKnownAt: null, photo: null, photoContentType: 'image/png' });
    const proto = create(ChildIdentitySchema, childIdentityToProto(input));
    expect(proto.photoContentType).toBe('');
    expect(toChildIdentity(proto)).toEqual({ ...input, photoContentType: null });
  });

  it('builds the post request with proto enums and the identity', async () => {
    const input: PostAlertInput = {
      idempotencyKey: 'post-0001-abcdef',
      kind: 'SUSPECTED_TRAFFICKING',
      urgency: 'HIGH',
      originCountry: 'AL',
      targetCountries: ['GR', 'FR'],
      targetAgencyTypes: ['POLICE', 'NGO'],
      title: 'Fëmijë i pashoqëruar',
      summary: '',
      child: aChildInput(),
    };
    const request = create(PostAlertRequestSchema, await postAlertRequest(input, await testServices.sealerToAlerts()));
    expect(request).toMatchObject({
      idempotencyKey: 'post-0001-abcdef',
      kind: AlertKind.SUSPECTED_TRAFFICKING,
      urgency: Urgency.HIGH,
      originCountry: 'AL',
      targetCountries: ['GR', 'FR'],
      targetAgencyTypes: [AgencyType.POLICE, AgencyType.NGO],
      title: 'Fëmijë i pashoqëruar',
    });
    expect(Buffer.from(request.sealedChild).includes(Buffer.from(input.child.givenNames[0]))).toBe(false);
    expect(toChildIdentity(await testServices.openAsAlerts(ChildIdentitySchema, request.sealedChild, postAlertContext(input.idempotencyKey), 'child'))).toEqual(input.child);
  });

  it('maps an alert, its targets and an optional thread', () => {
    const acknowledgedAt = new Date('2025-05-31T21:20:00Z');
    const alert = toAlert(
      anAlert({
        status: AlertStatus.RESOLVED,
        outcome: Outcome.RETURNED_TO_FAMILY,
        targetAgencyTypes: [AgencyType.POLICE],
        targets: [{ country: 'HR', deadline: timestampFromDate(POSTED), acknowledgedAt: timestampFromDate(acknowledgedAt), acknowledgedByAgencyId: ORIGIN_AGENCY_ID, escalationLevel: 1, recipientCount: 3 }],
        version: 4n,
      }),
      [anUpdate(), anUpdate({ id: 'u2', sighting: undefined, authorAgencyId: '', authorCountry: '' })],
    );
    expect(alert).toMatchObject({
      id: ALERT_ID,
      kind: 'MISSING_CHILD',
      urgency: 'CRITICAL',
      status: 'RESOLVED',
      outcome: 'RETURNED_TO_FAMILY',
      outcomeNote: null,
      targetAgencyTypes: ['POLICE'],
      targets: [{ country: 'HR', deadline: POSTED, acknowledgedAt, acknowledgedByAgencyId: ORIGIN_AGENCY_ID, escalationLevel: 1, unrouted: false, recipientCount: 3 }],
      postedAt: POSTED,
      closedAt: null,
      version: 4,
      identityErased: false,
    });
    expect(alert.loadedUpdates?.map((update) => [update.id, update.sighting?.place ?? null, update.authorCountry])).toEqual([
      ['c0ffee00-1111-4222-8333-444455556666', 'Zagreb Glavni kolodvor', 'HR'],
      ['u2', null, null],
    ]);
    expect(toAlert(anAlert()).loadedUpdates).toBeUndefined();
  });

  it('refuses an alert whose reply lacks what the contract promises', () => {
    expect(() => toAlert(anAlert({ kind: AlertKind.UNSPECIFIED }))).toThrow('alert.kind has no known value (0)');
    expect(() => toAlert(anAlert({ postedAt: undefined }))).toThrow('alert.posted_at is missing');
  });

  it('maps an update with its sighting, a filter, identity reads and figures', () => {
    const seenAt = new Date('2025-06-01T07:30:00Z');
    const update: AddAlertUpdateInput = { text: 'Виђена у Скопју', sighting: { place: 'Скопје', seenAt } };
    const request = addAlertUpdateRequest(ALERT_ID, update);
    expect(request).toMatchObject({ id: ALERT_ID, text: 'Виђена у Скопју', sighting: { place: 'Скопје' } });
    expect(timestampDate(request.sighting!.seenAt as Parameters<typeof timestampDate>[0])).toEqual(seenAt);
    expect(addAlertUpdateRequest(ALERT_ID, { text: 'x' }).sighting).toBeUndefined();

    const filter: AlertFilterInput = { status: 'IN_PROGRESS', urgency: 'CRITICAL', country: 'MK', overdueOnly: true };
    expect(alertFilterToProto(filter)).toEqual({ status: AlertStatus.IN_PROGRESS, kind: 0, urgency: Urgency.CRITICAL, country: 'MK', overdueOnly: true });
    expect(alertFilterToProto(undefined)).toEqual({ status: 0, kind: 0, urgency: 0, country: '', overdueOnly: false });

    expect(toIdentityRead(create(IdentityReadSchema, { readerSubject: 'user-2', readerCountry: 'HR', purpose: 'Identify the child at the border crossing', readAt: timestampFromDate(seenAt) }))).toEqual({
      // Per alert, the read's alert is the one asked about; the audit trail across alerts names it.
      alertId: null,
      readerSubject: 'user-2',
      readerAgencyId: null,
      readerCountry: 'HR',
      purpose: 'Identify the child at the border crossing',
      readAt: seenAt,
    });
    expect(toCountryFigures(create(CountryFiguresSchema, { country: 'HR', open: 3, overdue: 1, acknowledged: 2, medianSecondsToAcknowledge: 0n }))).toEqual({
      country: 'HR',
      open: 3,
      overdue: 1,
      acknowledged: 2,
      medianSecondsToAcknowledge: 0,
    });
    expect(toCountryFigures(create(CountryFiguresSchema, { country: 'XK', open: 1 })).medianSecondsToAcknowledge).toBeNull();
  });
});
