/** Alerts messages as the alerts service would send them, and a valid post, for the gateway's tests. */
import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AlertAudienceSchema,
  AlertFactsSchema,
  AlertKind,
  AlertSchema,
  AlertStatus,
  AgeRangeSchema,
  AlertUpdateSchema,
  ChildIdentitySchema,
  SightingSchema,
  Sex,
  Urgency,
  type EventType,
} from '@cpx/contracts';
import { cloudEventHeaders } from '@cpx/platform';

export const ALERT_ID = '3f1c2b7a-8d4e-4f6a-9b2c-1d0e9f8a7b6c';
export const ORIGIN_AGENCY_ID = '0b5e8f0a-4c1d-4e6a-9f3b-2a7c1d9e8f01';
export const RECIPIENT_AGENCY_ID = '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d';
export const POSTED = new Date('2025-05-31T21:00:00Z');

export function anAlert(overrides: MessageInitShape<typeof AlertSchema> = {}) {
  return create(AlertSchema, {
    id: ALERT_ID,
    kind: AlertKind.MISSING_CHILD,
    urgency: Urgency.CRITICAL,
    status: AlertStatus.POSTED,
    originCountry: 'RS',
    originAgencyId: ORIGIN_AGENCY_ID,
    postedBySubject: 'user-1',
    targets: [
      { country: 'HR', deadline: timestampFromDate(new Date(POSTED.getTime() + 3_600_000)), recipientCount: 2 },
      { country: 'XK', deadline: timestampFromDate(new Date(POSTED.getTime() + 3_600_000)), unrouted: true },
    ],
    title: 'Djevojčica nestala na autobusnoj stanici',
    summary: 'Последњи пут виђена на аутобуској станици.',
    postedAt: timestampFromDate(POSTED),
    updatedAt: timestampFromDate(POSTED),
    version: 1n,
    ...overrides,
  });
}

export function anUpdate(overrides: MessageInitShape<typeof AlertUpdateSchema> = {}) {
  return create(AlertUpdateSchema, {
    id: 'c0ffee00-1111-4222-8333-444455556666',
    alertId: ALERT_ID,
    authorSubject: 'user-2',
    authorAgencyId: RECIPIENT_AGENCY_ID,
    authorCountry: 'HR',
    text: 'Viđena u Zagrebu, glavni kolodvor.',
    sighting: create(SightingSchema, { place: 'Zagreb Glavni kolodvor', seenAt: timestampFromDate(new Date('2025-06-01T07:30:00Z')) }),
    createdAt: timestampFromDate(new Date('2025-06-01T08:00:00Z')),
    ...overrides,
  });
}

export function aChild(overrides: MessageInitShape<typeof ChildIdentitySchema> = {}) {
  return create(ChildIdentitySchema, {
    givenNames: ['Јована'],
    familyNames: ['Petrović'],
    aliases: ['Joka'],
    sex: Sex.FEMALE,
    estimatedAge: create(AgeRangeSchema, { minYears: 12, maxYears: 14 }),
    nationalities: ['RS'],
    languages: ['sr-Cyrl', 'rom'],
    ...overrides,
  });
}

/** A valid `postAlert` input (GraphQL variables). */
export function aPostAlertInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    idempotencyKey: 'post-2025-05-31-0001',
    kind: 'MISSING_CHILD',
    urgency: 'CRITICAL',
    originCountry: 'RS',
    targetCountries: ['HR', 'XK'],
    title: 'Djevojčica nestala na autobusnoj stanici',
    summary: 'Последњи пут виђена на аутобуској станици.',
    child: { givenNames: ['Јована'], familyNames: ['Petrović'], sex: 'FEMALE', estimatedAge: { minYears: 12, maxYears: 14 } },
    ...overrides,
  };
}

export function facts(overrides: MessageInitShape<typeof AlertFactsSchema> = {}) {
  return create(AlertFactsSchema, {
    alertId: ALERT_ID,
    kind: AlertKind.MISSING_CHILD,
    urgency: Urgency.CRITICAL,
    status: AlertStatus.POSTED,
    originCountry: 'RS',
    originAgencyId: ORIGIN_AGENCY_ID,
    targetCountries: ['HR', 'XK'],
    postedAt: timestampFromDate(POSTED),
    version: 1n,
    ...overrides,
  });
}

export function audience(overrides: MessageInitShape<typeof AlertAudienceSchema> = {}) {
  return create(AlertAudienceSchema, {
    memberAgencyIds: [ORIGIN_AGENCY_ID],
    adminAgencyIds: [RECIPIENT_AGENCY_ID],
    subjects: ['recipient-hr'],
    curators: true,
    ...overrides,
  });
}

/** An event as a Kafka record: CloudEvents headers and the protobuf payload. */
export function anEventRecord<Desc extends DescMessage>(event: EventType<Desc>, init: MessageInitShape<Desc>) {
  return {
    key: Buffer.from(ALERT_ID),
    value: Buffer.from(toBinary(event.schema, create(event.schema, init))),
    headers: cloudEventHeaders({ id: 'event-1', source: '/cpx/alerts', type: event.type, time: POSTED, subject: `alerts/${ALERT_ID}` }),
  };
}
