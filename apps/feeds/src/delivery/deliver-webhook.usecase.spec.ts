import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { EndpointGuard } from '../partners/endpoint-guard';
import { DeliverWebhookUseCase } from './deliver-webhook.usecase';
import type { ClaimedDelivery } from './domain/claimed-delivery';
import { DeliveredLog } from './delivered-log';
import { WebhookSender } from './webhook-sender';

/** Postgres faked: every statement recorded; `answer` gives each one's rows. */
function fakeDatabase(answer: (sql: string, parameters: unknown[]) => unknown[] = (sql) => (sql.includes('failing_since = coalesce') ? [{ failing_since: new Date() }] : [])) {
  const statements: { sql: string; parameters: unknown[] }[] = [];
  const query = async (sql: string, parameters: unknown[] = []) => {
    statements.push({ sql, parameters });
    return answer(sql, parameters);
  };
  const tx = { query };
  const dataSource = { query, manager: tx, transaction: async (work: (manager: typeof tx) => Promise<unknown>) => work(tx) } as unknown as DataSource;
  return { dataSource, statements };
}

const SUBSCRIPTION = '0b0e6a4e-0000-4000-8000-000000000002';

const delivery = (url: string): ClaimedDelivery => ({
  id: '0b0e6a4e-0000-4000-8000-000000000001',
  attempt: 1,
  retryBase: 0,
  claimToken: 'claim-1',
  subscriptionId: SUBSCRIPTION,
  partnerId: '0b0e6a4e-0000-4000-8000-000000000003',
  payloadMode: 'FULL',
  url,
  secrets: ['whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'],
  sequence: '7',
  type: 'cpx.alerts.v1.AlertPosted',
  occurredAt: new Date('2026-01-02T03:04:05Z'),
  data: '{}',
  sendAt: new Date(0),
});

describe('delivering a webhook in production mode', () => {
  const config = Object.assign(new FeedsConfig(), { CPX_MODE: 'production', FEEDS_RETRY_SCHEDULE_MS: '0,1000', FEEDS_DELIVERY_TIMEOUT_MS: 2_000 });

  it('records an endpoint refused as it is connected to (a name rebound to 127.0.0.1) as a failed attempt, retried on the schedule; nothing reaches the address', async () => {
    let connections = 0;
    const local = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      const answers = [['8.8.8.8'], ['127.0.0.1']];
      const dns = async () => answers.shift() ?? ['127.0.0.1'];
      const guard = new EndpointGuard(dns, config);
      const url = `https://rebound.partner.example:${(local.address() as AddressInfo).port}/hook`;
      expect(await guard.refusal(url)).toBeUndefined();
      const { dataSource, statements } = fakeDatabase();
      const decision = await new DeliverWebhookUseCase(dataSource, new WebhookSender(guard, config), new DeliveredLog(dataSource), config).execute(delivery(url));
      expect(connections).toBe(0);
      const logged = statements.find((statement) => statement.sql.includes('INSERT INTO delivery_attempt'));
      expect(logged?.parameters).toEqual([expect.any(String), 1, expect.any(Date), null, expect.any(Number), expect.stringMatching(/^refused, not sent: .*private/)]);
      // A refusal is a failed attempt: retried on the schedule, and it counts towards disabling.
      expect(decision).toMatchObject({ kind: 'retry' });
      expect(statements.some((statement) => statement.sql.includes('failing_since = coalesce'))).toBe(true);
    } finally {
      await new Promise((resolve) => local.close(resolve));
    }
  });

  it('signs and sends, and records a success', async () => {
    const { dataSource, statements } = fakeDatabase();
    const send = jest.fn().mockResolvedValue({ status: 204, latencyMs: 3 });
    const usecase = new DeliverWebhookUseCase(dataSource, { send } as unknown as WebhookSender, new DeliveredLog(dataSource), config);
    expect(await usecase.execute(delivery('https://hooks.partner.example/hook'))).toEqual({ kind: 'delivered' });
    expect(send).toHaveBeenCalledWith('https://hooks.partner.example/hook', expect.objectContaining({ 'webhook-id': delivery('').id }), expect.any(String), config.FEEDS_DELIVERY_TIMEOUT_MS);
    // Recorded (by the time execute() resolves): delivered, under this attempt's lease only.
    const marked = statements.find((statement) => statement.sql.includes("SET state = 'DELIVERED'"));
    expect(marked?.parameters).toEqual([[delivery('').id], ['claim-1'], [204]]);
  });

  it('holds every delivery to an endpoint that answered 429 or 503 with Retry-After, not only this one: its next send time moves past the pause', async () => {
    const { dataSource, statements } = fakeDatabase();
    const answers = [{ status: 429, retryAfter: '2', latencyMs: 3 }, { status: 503, retryAfter: '120', latencyMs: 3 }, { status: 500, latencyMs: 3 }, { status: 429, latencyMs: 3 }];
    const send = jest.fn().mockImplementation(async () => answers.shift());
    const usecase = new DeliverWebhookUseCase(dataSource, { send } as unknown as WebhookSender, new DeliveredLog(dataSource), config);
    const pauses = () => statements.filter((statement) => statement.sql.includes('SET next_send_at = greatest(next_send_at'));

    expect(await usecase.execute(delivery('https://hooks.partner.example/hook'))).toEqual({ kind: 'retry', delayMs: 2_000 });
    expect(pauses().map((statement) => statement.parameters)).toEqual([[SUBSCRIPTION, 2_000]]);
    // Under the subscription's lock, taken first, before the delivery's row (the claim's order).
    const order = statements.map((statement) => statement.sql);
    expect(order.findIndex((sql) => sql.includes('failing_since = coalesce'))).toBeLessThan(order.findIndex((sql) => sql.includes('SET next_send_at')));
    expect(order.findIndex((sql) => sql.includes('SET next_send_at'))).toBeLessThan(order.findIndex((sql) => sql.includes('UPDATE webhook_delivery')));

    // Its last attempt: this delivery gives up, the endpoint's pause still holds the others.
    expect(await usecase.execute({ ...delivery('https://hooks.partner.example/hook'), attempt: 2 })).toEqual({ kind: 'give-up' });
    expect(pauses().map((statement) => statement.parameters[1])).toEqual([2_000, 120_000]);

    // Nothing asked, nothing held.
    await usecase.execute(delivery('https://hooks.partner.example/hook'));
    await usecase.execute(delivery('https://hooks.partner.example/hook'));
    expect(pauses()).toHaveLength(2);
  });

  it('ends the endpoint’s run of failures when a delivery gives up and none other is pending, not while one is retried', async () => {
    const { dataSource, statements } = fakeDatabase();
    const send = jest.fn().mockResolvedValue({ status: 500, latencyMs: 3 });
    const usecase = new DeliverWebhookUseCase(dataSource, { send } as unknown as WebhookSender, new DeliveredLog(dataSource), config);
    const ends = () => statements.filter((statement) => statement.sql.includes('SET failing_since = NULL'));

    expect(await usecase.execute(delivery('https://hooks.partner.example/hook'))).toMatchObject({ kind: 'retry' });
    expect(ends()).toHaveLength(0);

    expect(await usecase.execute({ ...delivery('https://hooks.partner.example/hook'), attempt: 2 })).toEqual({ kind: 'give-up' });
    expect(ends().map((statement) => statement.parameters)).toEqual([[SUBSCRIPTION]]);
    expect(ends()[0].sql).toMatch(/NOT EXISTS \(SELECT 1 FROM webhook_delivery WHERE subscription_id = \$1 AND state = 'PENDING'\)/);
    // After this delivery is marked FAILED, so that it does not count as pending itself.
    const order = statements.map((statement) => statement.sql);
    expect(order.findIndex((sql) => sql.includes("SET state = 'FAILED'"))).toBeLessThan(order.findIndex((sql) => sql.includes('SET failing_since = NULL')));
  });

  it('builds the body in the subscription’s payload mode: FULL as recorded, THIN the ids and where to fetch the rest', async () => {
    const { dataSource } = fakeDatabase();
    const send = jest.fn().mockResolvedValue({ status: 204, latencyMs: 3 });
    const usecase = new DeliverWebhookUseCase(dataSource, { send } as unknown as WebhookSender, new DeliveredLog(dataSource), config);
    const data = '{"id":"e-7","subject":"alerts/a-1","countries":["FR","RS"],"alertId":"a-1","kind":"MISSING_CHILD","occurredAt":"2026-01-02T03:04:05.000Z"}';
    await usecase.execute({ ...delivery('https://hooks.partner.example/full'), data });
    await usecase.execute({ ...delivery('https://hooks.partner.example/thin'), data, payloadMode: 'THIN' });
    const bodies = send.mock.calls.map((call) => JSON.parse(call[2] as string));
    expect(bodies[0].data).toEqual(JSON.parse(data));
    expect(bodies[1].data).toEqual({
      id: 'e-7',
      type: 'cpx.alerts.v1.AlertPosted',
      subject: 'alerts/a-1',
      countries: ['FR', 'RS'],
      occurredAt: '2026-01-02T03:04:05.000Z',
      alertId: 'a-1',
      fetch: { graphql: 'partnerFeed', partnerId: delivery('').partnerId, after: expect.any(String), eventId: 'e-7' },
    });
  });
});
