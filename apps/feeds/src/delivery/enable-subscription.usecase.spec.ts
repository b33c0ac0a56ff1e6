import type { Principal } from '@cpx/platform';
import { FEED_APPEND_LOCK } from '../feed/feed.store';
import { fakeDatabase } from '../../test/fake-database';
import { PARTNER_ID, SUBSCRIPTION_ID, subscriptionColumns } from '../../test/subscription-factories';
import { EnableSubscriptionCommand } from './enable-subscription.command';
import { EnableSubscriptionUseCase } from './enable-subscription.usecase';

const partnerAdmin: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };

/**
 * A subscription, disabled or not, with `parked` deliveries parked for it before the
 * enabling reads them and `meanwhile` more committed parked by recordings meanwhile.
 */
function anEndpoint(options: { enabled: boolean; parked: number; meanwhile?: number }) {
  let releases = 0;
  return fakeDatabase((sql) => {
    if (sql.includes('FROM subscription WHERE id = $1 AND deleted_at IS NULL')) return [subscriptionColumns({ enabled: options.enabled })];
    if (sql.includes('UPDATE subscription SET enabled = true')) return options.enabled ? [] : [{ id: SUBSCRIPTION_ID }];
    if (sql.includes('WITH waiting AS')) {
      releases += 1;
      const n = releases === 1 ? options.parked : (options.meanwhile ?? 0);
      return n > 0 ? [{ was: 'PARKED', n }] : [];
    }
    return [];
  });
}

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('enabling a subscription’s endpoint', () => {
  it('enables a disabled endpoint, queues its parked deliveries in feed order, then, holding the feed’s append lock, those parked meanwhile after them', async () => {
    const { dataSource, statements } = anEndpoint({ enabled: false, parked: 3, meanwhile: 1 });
    const { released } = await new EnableSubscriptionUseCase(dataSource).execute(EnableSubscriptionCommand.from({ id: SUBSCRIPTION_ID }), partnerAdmin);
    expect(released).toBe(4);
    const sql = statements.map((statement) => oneLine(statement.sql));
    const enabled = sql.findIndex((text) => text.includes('UPDATE subscription SET enabled = true'));
    const releasesAt = sql.flatMap((text, index) => (text.includes('WITH waiting AS') ? [index] : []));
    const appendLock = statements.findIndex((statement) => statement.sql.includes('pg_advisory_xact_lock') && statement.parameters[0] === FEED_APPEND_LOCK);
    // The subscription locked before anything is written to it or its deliveries.
    expect(sql.findIndex((text) => text.includes('FOR NO KEY UPDATE'))).toBeLessThan(enabled);
    expect(enabled).toBeLessThan(releasesAt[0]);
    expect(releasesAt[0]).toBeLessThan(appendLock);
    expect(appendLock).toBeLessThan(releasesAt[1]);
    // Parked ones only, oldest event first, one microsecond apart, those parked meanwhile after the first three.
    expect(sql[releasesAt[0]]).toContain("state = 'PARKED' OR (state = 'FAILED' AND created_at >= $2)");
    expect(sql[releasesAt[0]]).toContain('row_number() OVER (ORDER BY sequence)');
    expect(sql[releasesAt[0]]).toContain("next_attempt_at = now() + ($3::int + w.turn) * interval '1 microsecond'");
    expect(statements[releasesAt[0]].parameters).toEqual([SUBSCRIPTION_ID, null, 0]);
    expect(statements[releasesAt[1]].parameters).toEqual([SUBSCRIPTION_ID, null, 3]);
    // Under the append lock nothing more is written: it is held until the commit.
    expect(sql.slice(releasesAt[1] + 1).filter((text) => /UPDATE \w+( \w+)? SET|INSERT/.test(text))).toEqual([]);
    // The workers hear of it at commit.
    expect(sql.some((text) => text.includes('pg_notify'))).toBe(true);
  });

  it('is idempotent: an enabled endpoint queues what may be parked, without the append lock, and starts its run of failures afresh', async () => {
    const { dataSource, statements } = anEndpoint({ enabled: true, parked: 0 });
    const { released, subscription } = await new EnableSubscriptionUseCase(dataSource).execute(EnableSubscriptionCommand.from({ id: SUBSCRIPTION_ID }), partnerAdmin);
    expect([released, subscription.enabled]).toEqual([0, true]);
    const sql = statements.map((statement) => oneLine(statement.sql));
    expect(sql).toContain('UPDATE subscription SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL');
    expect(sql.filter((text) => text.includes('WITH waiting AS'))).toHaveLength(1);
    expect(statements.some((statement) => statement.parameters[0] === FEED_APPEND_LOCK)).toBe(false);
  });

  it('forbids anybody but the partner’s admins and platform admins, and changes nothing', async () => {
    const { dataSource, writes, statements } = anEndpoint({ enabled: false, parked: 2 });
    const stranger: Principal = { subject: 'other', roles: ['partner'], partnerId: '0b0e6a4e-0000-4000-8000-000000000009' };
    await expect(new EnableSubscriptionUseCase(dataSource).execute(EnableSubscriptionCommand.from({ id: SUBSCRIPTION_ID }), stranger)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(writes()).toEqual([]);
    expect(statements.some((statement) => statement.sql.includes('FOR NO KEY UPDATE'))).toBe(false);
  });

  it('refuses an id CPX did not issue, naming it', async () => {
    const { dataSource, statements } = anEndpoint({ enabled: false, parked: 0 });
    await expect((async () => new EnableSubscriptionUseCase(dataSource).execute(EnableSubscriptionCommand.from({ id: 'nope' }), partnerAdmin))()).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(statements).toEqual([]);
  });
});
