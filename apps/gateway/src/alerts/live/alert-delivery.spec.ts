import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents, AlertStatus, AlertUpdateKind, Outcome } from '@cpx/contracts';
import { ALERT_ID, audience, facts, POSTED } from '../testing/alert-factories';
import { alertDeliveryOf } from './alert-delivery';

const { types } = AlertsEvents;
const OCCURRED = new Date('2025-06-01T09:00:00Z');

function encoded<K extends keyof typeof types>(key: K, init: Parameters<typeof create<(typeof types)[K]['schema']>>[1]): Uint8Array {
  const { schema } = types[key];
  return toBinary(schema, create(schema, init));
}

describe('alertDeliveryOf: an alerts event as a live change', () => {
  const base = { type: 'POSTED', alertId: ALERT_ID, kind: 'MISSING_CHILD', urgency: 'CRITICAL', originCountry: 'RS', targetCountries: ['HR', 'XK'] };

  it('POSTED: facts, the countries nobody received it in, and the audience, nothing else', () => {
    const delivery = alertDeliveryOf(types.alertPosted.type, encoded('alertPosted', { alert: facts(), audience: audience(), unroutedCountries: ['XK'], occurredAt: timestampFromDate(OCCURRED) }), POSTED);
    expect(delivery?.change).toEqual({ ...base, status: 'POSTED', version: 1, occurredAt: OCCURRED, country: null, level: null, unroutedCountries: ['XK'] });
    expect(delivery?.audience).toEqual(audience());
  });

  it('ACKNOWLEDGED carries the country; ESCALATED the country and level', () => {
    const acknowledged = alertDeliveryOf(
      types.alertAcknowledged.type,
      encoded('alertAcknowledged', { alert: facts({ status: AlertStatus.IN_PROGRESS, version: 2n }), audience: audience(), country: 'HR', agencyId: 'a', occurredAt: timestampFromDate(OCCURRED) }),
      POSTED,
    );
    expect(acknowledged?.change).toMatchObject({ type: 'ACKNOWLEDGED', status: 'IN_PROGRESS', version: 2, country: 'HR', level: null });
    const escalated = alertDeliveryOf(
      types.alertEscalated.type,
      encoded('alertEscalated', { alert: facts(), audience: audience(), country: 'XK', level: 2, occurredAt: timestampFromDate(OCCURRED) }),
      POSTED,
    );
    expect(escalated?.change).toMatchObject({ type: 'ESCALATED', country: 'XK', level: 2 });
  });

  it.each([
    ['alertUpdateAdded', 'UPDATE_ADDED', { updateId: 'u1', hasSighting: true }],
    ['alertUpdateAdded', 'CHILD_FOUND_REPORTED', { updateId: 'u2', kind: AlertUpdateKind.CHILD_FOUND }],
    ['alertResolved', 'RESOLVED', { outcome: Outcome.FOUND_SAFE }],
    ['alertCancelled', 'CANCELLED', {}],
    ['alertClosed', 'CLOSED', {}],
  ] as const)('%s -> %s', (key, type, extra) => {
    const payload = encoded(key, { alert: facts(), audience: audience(), occurredAt: timestampFromDate(OCCURRED), ...extra } as never);
    expect(alertDeliveryOf(types[key].type, payload, POSTED)?.change).toMatchObject({ type, alertId: ALERT_ID, country: null, level: null, unroutedCountries: [] });
  });

  it('uses the CloudEvents time when occurred_at is missing', () => {
    expect(alertDeliveryOf(types.alertClosed.type, encoded('alertClosed', { alert: facts(), audience: audience() }), POSTED)?.change.occurredAt).toEqual(POSTED);
  });

  it('tells nobody about an identity erasure, or about events it does not know', () => {
    expect(alertDeliveryOf(types.alertIdentityErased.type, encoded('alertIdentityErased', { alert: facts() }), POSTED)).toBeUndefined();
    expect(alertDeliveryOf('cpx.directory.v1.AgencyRegistered', new Uint8Array([1, 2, 3]), POSTED)).toBeUndefined();
  });

  it('refuses an event without its audience or facts rather than guessing who may see it', () => {
    expect(() => alertDeliveryOf(types.alertPosted.type, encoded('alertPosted', { alert: facts() }), POSTED)).toThrow(/audience is missing/);
    expect(() => alertDeliveryOf(types.alertPosted.type, encoded('alertPosted', { audience: audience() }), POSTED)).toThrow(/alert is missing/);
    expect(() => alertDeliveryOf(types.alertPosted.type, new Uint8Array([0xff, 0xff, 0xff]), POSTED)).toThrow();
  });
});
