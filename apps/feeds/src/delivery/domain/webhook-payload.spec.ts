import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, AlertsEvents, AlertStatus, ContactKind, DirectoryEvents, ProfessionalRole, Urgency, VerificationStatus } from '@cpx/contracts';
import { ReceivedEvent, type EventDefinition } from '@cpx/platform';
import { sequenceOf } from '../../feed/domain/feed-cursor';
import { thinEvent } from '../../feed/domain/thin-event';
import { webhookData, type RecordedEvent } from './webhook-payload';

const PARTNER = '5f0c7a52-4e7c-4d8e-9f43-2a8c1b1e9d11';
const at = timestampFromDate(new Date('2026-03-01T10:00:00Z'));

/** A domain event recorded as the feed records it (record-feed-event.usecase.ts): the allow-listed data with id, subject, countries. */
function recorded<Desc extends DescMessage>(definition: EventDefinition<Desc>, message: MessageInitShape<Desc>, subject: string, sequence = '42'): RecordedEvent {
  const payload = toBinary(definition.schema, create(definition.schema, message));
  const event = new ReceivedEvent({ id: `event-${sequence}`, source: '/cpx/test', type: definition.type, time: new Date(), subject }, 'topic', 'key', payload);
  const thin = thinEvent(event);
  return { sequence, type: event.type, data: JSON.stringify({ id: event.attributes.id, subject, countries: thin.countries, ...thin.data }) };
}

const alertPosted = () =>
  recorded(
    AlertsEvents.types.alertPosted,
    {
      alert: {
        alertId: 'alert-1',
        kind: AlertKind.MISSING_CHILD,
        urgency: Urgency.CRITICAL,
        status: AlertStatus.POSTED,
        originCountry: 'RS',
        originAgencyId: 'agency-rs',
        targetCountries: ['FR'],
        postedAt: at,
        version: 1n,
      },
      audience: { subjects: ['pro-subject-1'] },
      unroutedCountries: [],
      occurredAt: at,
    },
    'alerts/alert-1',
  );

const alertAcknowledged = () =>
  recorded(
    AlertsEvents.types.alertAcknowledged,
    { alert: { alertId: 'alert-1', originCountry: 'RS', originAgencyId: 'agency-rs', targetCountries: ['FR'], status: AlertStatus.IN_PROGRESS, version: 2n }, country: 'FR', agencyId: 'agency-fr', occurredAt: at },
    'alerts/alert-1',
  );

const professionalVerified = () =>
  recorded(
    DirectoryEvents.types.professionalVerified,
    {
      professional: {
        id: 'pro-1',
        agencyId: 'agency-1',
        agency: { name: 'Центар за социјални рад', type: AgencyType.CHILD_PROTECTION_AUTHORITY, country: 'RS' },
        givenName: 'Јована',
        familyName: 'Petrović',
        role: ProfessionalRole.SOCIAL_WORKER,
        contacts: [{ kind: ContactKind.PHONE, value: '+381601234567' }],
        subject: 'oidc-subject-1',
        status: VerificationStatus.VERIFIED,
        version: 4n,
      },
      occurredAt: at,
    },
    'professionals/pro-1',
  );

const parse = (json: string) => JSON.parse(json) as Record<string, unknown>;

describe('webhook payload modes', () => {
  it('FULL sends the recorded data byte for byte', () => {
    for (const event of [alertPosted(), professionalVerified()]) {
      expect(webhookData('FULL', event, PARTNER)).toBe(event.data);
    }
  });

  it('THIN keeps an alert event’s id, type, subject, countries, time and ids, and says where to fetch the rest', () => {
    const thin = parse(webhookData('THIN', alertPosted(), PARTNER));
    expect(thin).toEqual({
      id: 'event-42',
      type: 'cpx.alerts.v1.AlertPosted',
      subject: 'alerts/alert-1',
      countries: ['FR', 'RS'],
      occurredAt: '2026-03-01T10:00:00.000Z',
      alertId: 'alert-1',
      originAgencyId: 'agency-rs',
      fetch: { graphql: 'partnerFeed', partnerId: PARTNER, after: expect.any(String), eventId: 'event-42' },
    });
    expect(Object.keys(thin)).toEqual(['id', 'type', 'subject', 'countries', 'occurredAt', 'alertId', 'originAgencyId', 'fetch']);
  });

  it('THIN keeps a directory event’s ids, never a name, contact or subject', () => {
    const event = professionalVerified();
    const thin = parse(webhookData('THIN', event, PARTNER));
    expect(thin).toEqual({
      id: 'event-42',
      type: 'cpx.directory.v1.ProfessionalVerified',
      subject: 'professionals/pro-1',
      countries: ['RS'],
      occurredAt: '2026-03-01T10:00:00.000Z',
      professionalId: 'pro-1',
      agencyId: 'agency-1',
      fetch: { graphql: 'partnerFeed', partnerId: PARTNER, after: expect.any(String), eventId: 'event-42' },
    });
    expect(JSON.stringify(thin)).not.toMatch(/Јована|Petrović|\+381|oidc-subject-1|Центар/);
    // What FULL carries beyond it stays in FULL.
    expect(parse(event.data)).toMatchObject({ role: 'SOCIAL_WORKER', status: 'VERIFIED', version: 4 });
  });

  it('THIN is a projection of the recorded data: every value it keeps is FULL’s, and every id FULL names is kept', () => {
    for (const event of [alertPosted(), alertAcknowledged(), professionalVerified()]) {
      const full = parse(event.data);
      const { type, fetch, ...kept } = parse(webhookData('THIN', event, PARTNER));
      expect(type).toBe(event.type);
      expect(fetch).toBeDefined();
      for (const [key, value] of Object.entries(kept)) expect(full[key]).toEqual(value);
      for (const key of Object.keys(full).filter((name) => name.endsWith('Id'))) expect(kept).toHaveProperty(key);
    }
  });

  it('points `fetch` at the cursor just before the event, so the partner’s feed after it starts with this event', () => {
    for (const sequence of ['1', '42', '9007199254740993']) {
      const thin = parse(webhookData('THIN', { ...alertPosted(), sequence }, PARTNER)) as { fetch: { after: string } };
      expect(sequenceOf(thin.fetch.after, 'after')).toBe((BigInt(sequence) - 1n).toString());
    }
  });

  it('sends the same bytes every time (every attempt and a resend verify the same body)', () => {
    const event = alertPosted();
    expect(webhookData('THIN', event, PARTNER)).toBe(webhookData('THIN', event, PARTNER));
  });
});
