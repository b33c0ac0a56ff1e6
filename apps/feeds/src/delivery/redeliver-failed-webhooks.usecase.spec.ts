import type { Principal } from '@cpx/platform';
import { fakeDatabase } from '../../test/fake-database';
import { PARTNER_ID, SUBSCRIPTION_ID, subscriptionColumns } from '../../test/subscription-factories';
import { RedeliverFailedWebhooksCommand } from './redeliver-failed-webhooks.command';
import { RedeliverFailedWebhooksUseCase } from './redeliver-failed-webhooks.usecase';

const partnerAdmin: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };
const since = new Date('2026-02-01T08:00:00Z');

/** A disabled endpoint with 2 failed deliveries since `since` and 5 parked. */
function aDisabledEndpoint() {
  let queued = 0;
  return fakeDatabase((sql) => {
    if (sql.includes('FROM subscription WHERE id = $1 AND deleted_at IS NULL')) return [subscriptionColumns({ enabled: false })];
    if (sql.includes('UPDATE subscription SET enabled = true')) return [{ id: SUBSCRIPTION_ID }];
    if (sql.includes('WITH waiting AS')) return (queued += 1) === 1 ? [{ was: 'FAILED', n: 2 }, { was: 'PARKED', n: 5 }] : [];
    return [];
  });
}

describe('redelivering failed webhooks', () => {
  it('queues the failed deliveries since then and, enabling the endpoint, every parked one, in one feed order', async () => {
    const { dataSource, statements } = aDisabledEndpoint();
    expect(await new RedeliverFailedWebhooksUseCase(dataSource).execute(RedeliverFailedWebhooksCommand.from({ subscriptionId: SUBSCRIPTION_ID, since }), partnerAdmin)).toEqual({ requeued: 2, released: 5 });
    const queued = statements.filter((statement) => statement.sql.includes('WITH waiting AS'));
    expect(queued.map((statement) => statement.parameters)).toEqual([
      [SUBSCRIPTION_ID, since, 0],
      // Parked by recordings meanwhile, after the seven.
      [SUBSCRIPTION_ID, null, 7],
    ]);
  });

  it('forbids a stranger and changes nothing', async () => {
    const { dataSource, writes } = aDisabledEndpoint();
    const stranger: Principal = { subject: 'other', roles: ['partner'], partnerId: '0b0e6a4e-0000-4000-8000-000000000009' };
    await expect(new RedeliverFailedWebhooksUseCase(dataSource).execute(RedeliverFailedWebhooksCommand.from({ subscriptionId: SUBSCRIPTION_ID, since }), stranger)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(writes()).toEqual([]);
  });
});
