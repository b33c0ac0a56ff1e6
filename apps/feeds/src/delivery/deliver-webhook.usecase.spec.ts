import type { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { EndpointGuard } from '../partners/endpoint-guard';
import { DeliverWebhookUseCase, type ClaimedDelivery } from './deliver-webhook.usecase';
import type { WebhookSender } from './webhook-sender';

/** Postgres faked: every statement recorded; the subscription's run of failures starts now. */
function fakeDatabase() {
  const statements: { sql: string; parameters: unknown[] }[] = [];
  const tx = {
    query: async (sql: string, parameters: unknown[] = []) => {
      statements.push({ sql, parameters });
      return sql.includes('failing_since = coalesce') ? [{ failing_since: new Date() }] : [];
    },
  };
  const dataSource = { transaction: async (work: (manager: typeof tx) => Promise<unknown>) => work(tx) } as unknown as DataSource;
  return { dataSource, statements };
}

const delivery = (url: string): ClaimedDelivery => ({
  id: '0b0e6a4e-0000-4000-8000-000000000001',
  attempt: 1,
  retryBase: 0,
  claimToken: 'claim-1',
  subscriptionId: '0b0e6a4e-0000-4000-8000-000000000002',
  url,
  secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
  type: 'cpx.alerts.v1.AlertPosted',
  occurredAt: new Date('2026-01-02T03:04:05Z'),
  data: '{}',
  sendAt: new Date(0),
});

describe('delivering a webhook in production mode', () => {
  const config = Object.assign(new FeedsConfig(), { CPX_MODE: 'production', FEEDS_RETRY_SCHEDULE_MS: '0,1000' });
  const dns = async (host: string) => ({ 'rebound.partner.example': ['203.0.113.5', '127.0.0.1'], 'hooks.partner.example': ['203.0.113.6'] })[host] ?? [];

  it('re-checks the address before each attempt: a host now resolving inside is refused, logged, and not called', async () => {
    const { dataSource, statements } = fakeDatabase();
    const send = jest.fn();
    const usecase = new DeliverWebhookUseCase(dataSource, { send } as unknown as WebhookSender, new EndpointGuard(dns, config), config);
    const decision = await usecase.attempt(delivery('https://rebound.partner.example/hook'));
    expect(send).not.toHaveBeenCalled();
    const logged = statements.find((statement) => statement.sql.includes('INSERT INTO delivery_attempt'));
    expect(logged?.parameters).toEqual([expect.any(String), 1, expect.any(Date), null, 0, expect.stringMatching(/^refused, not sent: .*private/)]);
    // A refusal is a failed attempt: retried on the schedule, and it counts towards disabling.
    expect(decision).toMatchObject({ kind: 'retry' });
    expect(statements.some((statement) => statement.sql.includes('failing_since = coalesce'))).toBe(true);
  });

  it('calls an endpoint whose every address is public', async () => {
    const { dataSource } = fakeDatabase();
    const send = jest.fn().mockResolvedValue({ status: 204, latencyMs: 3 });
    const usecase = new DeliverWebhookUseCase(dataSource, { send } as unknown as WebhookSender, new EndpointGuard(dns, config), config);
    expect(await usecase.attempt(delivery('https://hooks.partner.example/hook'))).toEqual({ kind: 'delivered' });
    expect(send).toHaveBeenCalledWith('https://hooks.partner.example/hook', expect.objectContaining({ 'webhook-id': delivery('').id }), expect.any(String), config.FEEDS_DELIVERY_TIMEOUT_MS);
  });
});
