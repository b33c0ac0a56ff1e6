import { fakeDatabase } from '../../test/fake-database';
import { PARTNER_ID, SUBSCRIPTION_ID } from '../../test/subscription-factories';
import { disableEndpoint } from './endpoint-disabling';

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('disabling an endpoint', () => {
  it('parks what it had pending, but not attempts under way, and says so once in an operational event', async () => {
    const { tx, writes } = fakeDatabase((sql) =>
      sql.includes('UPDATE subscription SET enabled = false') ? [{ partner_id: PARTNER_ID, webhook_url: 'https://hooks.partner.example/cpx', failing_since: new Date() }] : [],
    );
    expect(await disableEndpoint(tx, { subscriptionId: SUBSCRIPTION_ID, reason: 'GONE_410', message: 'The endpoint answered 410 Gone.' })).toBe(true);
    expect(writes()).toEqual([
      expect.stringContaining('UPDATE subscription SET enabled = false'),
      "UPDATE webhook_delivery SET state = 'PARKED', claim_token = NULL WHERE subscription_id = $1 AND state = 'PENDING' AND (claim_token IS NULL OR next_attempt_at <= now())",
      expect.stringContaining('INSERT INTO cpx_outbox'),
    ]);
  });

  it('parks nothing and says nothing when the endpoint was disabled already', async () => {
    const { tx, writes } = fakeDatabase();
    expect(await disableEndpoint(tx, { subscriptionId: SUBSCRIPTION_ID, reason: 'FAILING_5_DAYS', message: 'Failed since then.' })).toBe(false);
    expect(writes().map(oneLine)).toEqual([expect.stringContaining('UPDATE subscription SET enabled = false')]);
  });
});
