import { create, toBinary, type DescMessage, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, AlertKind, AlertsEvents, AlertStatus, AlertUpdateKind, ContactKind, DirectoryEvents, ProfessionalRole, Urgency, VerificationStatus } from '@cpx/contracts';
import { ReceivedEvent, type EventDefinition } from '@cpx/platform';
import { thinEvent } from './thin-event';

function received<Desc extends DescMessage>(definition: EventDefinition<Desc>, data: MessageInitShape<Desc>): ReceivedEvent {
  const payload = toBinary(definition.schema, create(definition.schema, data));
  return new ReceivedEvent({ id: 'e-1', source: '/cpx/test', type: definition.type, time: new Date(), subject: 's' }, 'topic', 'key', payload);
}

const at = timestampFromDate(new Date('2026-03-01T10:00:00Z'));
const facts = {
  alertId: 'alert-1',
  kind: AlertKind.MISSING_CHILD,
  urgency: Urgency.CRITICAL,
  status: AlertStatus.POSTED,
  originCountry: 'RS',
  originAgencyId: 'agency-rs',
  targetCountries: ['FR', 'BG'],
  postedAt: at,
  version: 1n,
};

describe('thin events (what partners may see)', () => {
  it('says which shift ended, where and for which kind, without the person’s name or the actor', () => {
    const shift = { id: 'shift-1', professionalId: 'pro-1', country: 'RS', alertKind: AlertKind.UNACCOMPANIED_MINOR, startsAt: at, endsAt: at };
    const thin = thinEvent(received(DirectoryEvents.types.onDutyEnded, { shift, occurredAt: at, actorSubject: 'admin-subject' }));
    expect(thin.countries).toEqual(['RS']);
    expect(thin.data).toEqual({
      shiftId: 'shift-1',
      professionalId: 'pro-1',
      country: 'RS',
      alertKind: 'UNACCOMPANIED_MINOR',
      startsAt: '2026-03-01T10:00:00.000Z',
      endsAt: '2026-03-01T10:00:00.000Z',
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(JSON.stringify(thin)).not.toContain('admin-subject');
  });

  it('tells of a state that joins, filtered by its own code', () => {
    const thin = thinEvent(received(DirectoryEvents.types.countryRegistered, { country: { code: 'MT', name: 'Malta', languages: ['mt', 'en'] }, occurredAt: at, actorSubject: 'admin-subject' }));
    expect(thin).toEqual({ data: { country: 'MT', name: 'Malta', languages: ['mt', 'en'], occurredAt: '2026-03-01T10:00:00.000Z' }, countries: ['MT'] });
  });

  it('keeps an alert’s ids, kind, urgency, status, countries and times, and drops its audience', () => {
    const thin = thinEvent(
      received(AlertsEvents.types.alertPosted, {
        alert: facts,
        audience: { subjects: ['pro-subject-1'], memberAgencyIds: ['agency-rs'], curators: true },
        unroutedCountries: ['BG'],
        occurredAt: at,
      }),
    );
    expect(thin.countries).toEqual(['BG', 'FR', 'RS']);
    expect(thin.data).toEqual({
      alertId: 'alert-1',
      kind: 'MISSING_CHILD',
      urgency: 'CRITICAL',
      status: 'POSTED',
      originCountry: 'RS',
      originAgencyId: 'agency-rs',
      targetCountries: ['FR', 'BG'],
      postedAt: '2026-03-01T10:00:00.000Z',
      version: 1,
      unroutedCountries: ['BG'],
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(JSON.stringify(thin)).not.toContain('pro-subject-1');
  });

  it('says what kind of entry an update is (a child reported found, or a note), never its text', () => {
    const found = thinEvent(received(AlertsEvents.types.alertUpdateAdded, { alert: facts, updateId: 'u-1', hasSighting: false, kind: AlertUpdateKind.CHILD_FOUND, occurredAt: at }));
    expect(found.data).toMatchObject({ updateId: 'u-1', hasSighting: false, updateKind: 'CHILD_FOUND' });
    const older = thinEvent(received(AlertsEvents.types.alertUpdateAdded, { alert: facts, updateId: 'u-2', hasSighting: true, occurredAt: at }));
    expect(older.data).toMatchObject({ updateId: 'u-2', updateKind: 'NOTE' });
  });

  it('keeps an agency’s id, type and country, never its name or contacts', () => {
    const thin = thinEvent(
      received(DirectoryEvents.types.agencyRegistered, {
        agency: { id: 'agency-1', name: 'Центар за социјални рад Ниш', type: AgencyType.POLICE, country: 'RS', locality: 'Niš', contacts: [{ kind: ContactKind.EMAIL, value: 'csr@example.rs' }], version: 3n },
        occurredAt: at,
        actorSubject: 'admin-subject',
      }),
    );
    expect(thin.data).toEqual({ agencyId: 'agency-1', agencyType: 'POLICE', country: 'RS', version: 3, occurredAt: '2026-03-01T10:00:00.000Z' });
    expect(thin.agency).toEqual({ id: 'agency-1', country: 'RS', version: 3n });
    expect(JSON.stringify(thin.data)).not.toMatch(/Ниш|csr@|admin-subject/);
  });

  it('drops a professional’s names, contacts, subject, expertise and suspension reason', () => {
    const thin = thinEvent(
      received(DirectoryEvents.types.professionalSuspended, {
        professional: {
          id: 'pro-1',
          agencyId: 'agency-1',
          givenName: 'Јована',
          familyName: 'Petrović',
          role: ProfessionalRole.SOCIAL_WORKER,
          contacts: [{ kind: ContactKind.PHONE, value: '+381601234567' }],
          expertise: ['forced begging'],
          subject: 'oidc-subject-1',
          status: VerificationStatus.SUSPENDED,
          suspensionReason: 'Left the agency',
          version: 4n,
        },
        occurredAt: at,
      }),
    );
    expect(thin.data).toEqual({
      professionalId: 'pro-1',
      agencyId: 'agency-1',
      agencyType: null,
      role: 'SOCIAL_WORKER',
      status: 'SUSPENDED',
      version: 4,
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(thin.countryOfAgency).toBe('agency-1');
    expect(JSON.stringify(thin)).not.toMatch(/Јована|Petrović|\+381|forced begging|oidc-subject-1|Left the agency/);
  });

  it('gives an unknown event type nothing but what the feed adds (type, id, times)', () => {
    const event = new ReceivedEvent({ id: 'e-2', source: '/cpx/x', type: 'cpx.x.v1.Unknown', time: new Date(), subject: '' }, 't', undefined, Buffer.from('secret bytes'));
    expect(thinEvent(event)).toEqual({ data: {}, countries: [] });
  });
});
