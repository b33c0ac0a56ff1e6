import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertKind, AlertsEvents, AlertStatus, Urgency } from '@cpx/contracts';
import { ReceivedEvent } from '@cpx/platform';
import { fakeDatabase } from '../../test/fake-database';
import { RecordFeedEventUseCase } from './record-feed-event.usecase';

const ENABLED = '0b0e6a4e-0000-4000-8000-000000000011';
const DISABLED = '0b0e6a4e-0000-4000-8000-000000000012';
const ELSEWHERE = '0b0e6a4e-0000-4000-8000-000000000013';

/** An AlertPosted about RS and FR. */
function alertPosted(): ReceivedEvent {
  const at = timestampFromDate(new Date('2026-03-01T10:00:00Z'));
  const data = create(AlertsEvents.types.alertPosted.schema, {
    alert: { alertId: 'alert-1', kind: AlertKind.MISSING_CHILD, urgency: Urgency.CRITICAL, status: AlertStatus.POSTED, originCountry: 'RS', originAgencyId: 'agency-rs', targetCountries: ['FR'], postedAt: at, version: 1n },
    occurredAt: at,
  });
  const payload = toBinary(AlertsEvents.types.alertPosted.schema, data);
  return new ReceivedEvent({ id: 'e-1', source: '/cpx/alerts', type: AlertsEvents.types.alertPosted.type, time: new Date(), subject: 'alert-1' }, AlertsEvents.topic, 'alert-1', payload);
}

const subscriptionRow = (id: string, enabled: boolean, countries: string[] = [], payloadMode = 'THIN') => ({ id, event_types: ['cpx.alerts.v1.*'], countries, enabled, payload_mode: payloadMode });

/** The subscriptions with a webhook as the recording reads them; `enabledMeanwhile`: those the second look finds enabled. */
function aFeed(subscriptions: ReturnType<typeof subscriptionRow>[], enabledMeanwhile: string[] = []) {
  return fakeDatabase((sql, parameters) => {
    if (sql.includes('FROM subscription') && sql.includes('webhook_url IS NOT NULL')) return subscriptions;
    if (sql.includes("UPDATE webhook_delivery d SET state = 'PENDING'")) return (parameters[0] as string[]).slice(0, enabledMeanwhile.length).map((id) => ({ id }));
    return [];
  });
}

const columns = (parameters: unknown[]) => ({ ids: parameters[8] as string[], subscriptions: parameters[9], states: parameters[10], modes: parameters[11] });

describe('recording an event for the subscriptions that want it', () => {
  it('gives a disabled endpoint its delivery too, parked, and each delivery its subscription’s payload mode', async () => {
    const { tx, statements } = aFeed([subscriptionRow(ENABLED, true, ['FR']), subscriptionRow(DISABLED, false, [], 'FULL'), subscriptionRow(ELSEWHERE, true, ['BG'])]);
    await new RecordFeedEventUseCase().execute(alertPosted(), tx);
    const insert = statements.find((statement) => statement.sql.includes('INSERT INTO webhook_delivery'))!;
    expect(columns(insert.parameters)).toEqual({ ids: [expect.any(String), expect.any(String)], subscriptions: [ENABLED, DISABLED], states: ['PENDING', 'PARKED'], modes: ['THIN', 'FULL'] });
    // Read before the append lock: disabled endpoints are not left out any more.
    expect(statements[0].sql).not.toMatch(/WHERE enabled/);
    expect(statements.some((statement) => statement.sql.includes('pg_notify'))).toBe(true);
  });

  it('looks again, after the append, at what it parked: an endpoint enabled meanwhile gets it pending', async () => {
    const { tx, statements } = aFeed([subscriptionRow(DISABLED, false)], [DISABLED]);
    await new RecordFeedEventUseCase().execute(alertPosted(), tx);
    const sql = statements.map((statement) => statement.sql);
    const insert = sql.findIndex((text) => text.includes('INSERT INTO webhook_delivery'));
    const second = sql.findIndex((text) => text.includes("UPDATE webhook_delivery d SET state = 'PENDING'"));
    expect(second).toBeGreaterThan(insert);
    expect(statements[second].parameters).toEqual([columns(statements[insert].parameters).ids]);
    expect(sql[second].replace(/\s+/g, ' ')).toContain("d.state = 'PARKED' AND s.id = d.subscription_id AND s.enabled");
    // Nothing was due when it was recorded; now something is.
    expect(sql.filter((text) => text.includes('pg_notify'))).toHaveLength(1);
    expect(sql.findIndex((text) => text.includes('pg_notify'))).toBeGreaterThan(second);
  });

  it('costs an event that no disabled endpoint wants nothing more than before: one statement under the append lock, no second look', async () => {
    const { tx, statements } = aFeed([subscriptionRow(ENABLED, true)]);
    await new RecordFeedEventUseCase().execute(alertPosted(), tx);
    const sql = statements.map((statement) => statement.sql);
    expect(sql.slice(sql.findIndex((text) => text.includes('pg_advisory_xact_lock')) + 1)).toEqual([]);
  });
});
