import { PayloadMode } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { QueryFailedError, type DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { fakeDatabase } from '../../test/fake-database';
import { PARTNER_ID, partnerColumns, SUBSCRIPTION_ID, subscriptionColumns } from '../../test/subscription-factories';
import { CreateSubscriptionCommand, type CreateSubscriptionRequest } from './create-subscription.command';
import { CreateSubscriptionUseCase } from './create-subscription.usecase';
import { createRequestDigest } from './domain/create-request-digest';
import { newWebhookSecret } from './domain/webhook-secret';
import { EndpointGuard } from './endpoint-guard';
import { sealedParameters } from './subscription-secrets';
import { WebhookSecretVault } from './webhook-secret-vault';

/** The use case as the handler calls it: the request made a command first (refused there or by the use case alike). */
async function create(usecase: CreateSubscriptionUseCase, config: FeedsConfig, request: CreateSubscriptionRequest, principal: Principal) {
  return usecase.execute(CreateSubscriptionCommand.from(request, { allowPrivate: config.FEEDS_ALLOW_PRIVATE_ENDPOINTS }), principal);
}

describe.each(['production', 'local', 'test'] as const)('creating a subscription in %s mode, private endpoints not allowed', (mode) => {
  const config = Object.assign(new FeedsConfig(), { CPX_MODE: mode });
  const dns = async (host: string) => ({ localhost: ['127.0.0.1', '::1'], 'internal.partner.example': ['192.168.10.4'] })[host] ?? [];
  const transaction = jest.fn();
  const usecase = new CreateSubscriptionUseCase({ transaction } as unknown as DataSource, config, new EndpointGuard(dns, config), new WebhookSecretVault(new Map([['k1', Buffer.alloc(32, 1)]]), 'k1'));
  const admin: Principal = { subject: 'admin', roles: ['platform_admin'] };

  it.each(['https://localhost/hook', 'https://internal.partner.example/hook', 'https://nowhere.partner.example/hook', 'https://10.0.0.5/', 'https://169.254.169.254/latest', 'http://127.0.0.1:4000/hook'])(
    'refuses %s before writing anything',
    async (webhookUrl) => {
      await expect(
        create(usecase, config, { partnerId: '0b0e6a4e-0000-4000-8000-000000000003', eventTypes: ['cpx.alerts.v1.*'], countries: [], webhookUrl, payloadMode: PayloadMode.UNSPECIFIED }, admin),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.webhookUrl' });
      expect(transaction).not.toHaveBeenCalled();
    },
  );

  it('refuses a payload mode it does not know, naming the field, before writing anything', async () => {
    const input = { partnerId: '0b0e6a4e-0000-4000-8000-000000000003', eventTypes: ['cpx.alerts.v1.*'], countries: [], webhookUrl: '', payloadMode: 7 as PayloadMode };
    await expect(create(usecase, config, input, admin)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.payloadMode' });
    expect(transaction).not.toHaveBeenCalled();
  });
});

describe('creating a subscription with an idempotency key', () => {
  const config = Object.assign(new FeedsConfig(), { CPX_MODE: 'production' });
  const vault = new WebhookSecretVault(new Map([['k1', Buffer.alloc(32, 1)]]), 'k1');
  const guard = new EndpointGuard(async () => ['8.8.8.8'], config);
  const partnerAdmin: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };
  const request = {
    partnerId: PARTNER_ID,
    eventTypes: ['cpx.directory.v1.*', 'cpx.alerts.v1.*'],
    countries: ['RS', 'FR'],
    webhookUrl: 'https://hooks.partner.example/cpx',
    payloadMode: PayloadMode.UNSPECIFIED,
    idempotencyKey: 'create-2026-0001',
  };
  /** The digest the first request was stored with. */
  const digestOf = (overrides: Partial<Parameters<typeof createRequestDigest>[0]> = {}) =>
    createRequestDigest({ eventTypes: ['cpx.alerts.v1.*', 'cpx.directory.v1.*'], countries: ['FR', 'RS'], webhookUrl: 'https://hooks.partner.example/cpx', payloadMode: 'THIN', ...overrides });

  /** A database where the key created SUBSCRIPTION_ID (`earlier`), or was never used; its secret rotated until `overlapUntil`. */
  function aDatabase(earlier?: { request_digest: string; deleted?: boolean }, overlapUntil?: Date) {
    const [secretKeyId, secretSealed] = sealedParameters(vault, SUBSCRIPTION_ID, { current: newWebhookSecret() });
    return fakeDatabase((sql) => {
      if (sql.includes('FROM partner WHERE id = $1')) return [partnerColumns()];
      if (sql.includes('idempotency_key = $2')) return earlier ? [{ id: SUBSCRIPTION_ID, deleted: false, ...earlier }] : [];
      if (sql.includes('previous_secret_expires_at > now()')) return overlapUntil ? [{ previous_secret_expires_at: overlapUntil }] : [];
      if (sql.includes('secret_sealed FROM subscription')) {
        return [{ secret: null, secret_key_id: secretKeyId, secret_sealed: secretSealed, previous_secret: null, previous_secret_key_id: null, previous_secret_sealed: null }];
      }
      if (sql.includes('FROM subscription WHERE id = $1 AND deleted_at IS NULL')) return [subscriptionColumns()];
      return [];
    });
  }

  it('stores the key and the digest of the request with a new subscription', async () => {
    const { dataSource, statements } = aDatabase();
    const created = await create(new CreateSubscriptionUseCase(dataSource, config, guard, vault), config, request, partnerAdmin);
    expect(created.replayed).toBe(false);
    const insert = statements.find((statement) => statement.sql.includes('INSERT INTO subscription'))!;
    expect(insert.parameters.slice(-2)).toEqual(['create-2026-0001', digestOf()]);
  });

  it('answers a retry of the same request (in another order, THIN said or not) with the subscription the key created and a new secret, the first still signing', async () => {
    const { dataSource, writes, statements } = aDatabase({ request_digest: digestOf() });
    const retry = { ...request, eventTypes: ['cpx.alerts.v1.*', 'cpx.directory.v1.*', 'cpx.alerts.v1.*'], countries: ['FR', 'RS'], payloadMode: PayloadMode.THIN };
    const replayed = await create(new CreateSubscriptionUseCase(dataSource, config, guard, vault), config, retry, partnerAdmin);
    expect(replayed).toMatchObject({ replayed: true, subscription: { id: SUBSCRIPTION_ID }, secret: expect.stringMatching(/^whsec_/) });
    expect(writes().some((sql) => sql.startsWith('INSERT INTO subscription'))).toBe(false);
    const issued = statements.find((statement) => statement.sql.includes('previous_secret_expires_at = now()'))!;
    expect(issued.parameters.slice(0, 2)).toEqual([SUBSCRIPTION_ID, String(config.FEEDS_SECRET_OVERLAP_MS)]);
    // The secret before it keeps signing: sealed into the previous secret's column.
    expect(issued.parameters[4]).toBe('k1');
  });

  it.each([
    ['another request', { request_digest: digestOf({ webhookUrl: 'https://other.partner.example/cpx' }) }, undefined, /different subscription/],
    ['a subscription deleted since', { request_digest: digestOf(), deleted: true }, undefined, /deleted since/],
    ['a secret issued again less than the overlap ago', { request_digest: digestOf() }, new Date(Date.now() + 3_600_000), /still signs until/],
  ])('refuses the key when it created %s (CONFLICT naming it), and writes nothing', async (_case, earlier, overlapUntil, message) => {
    const { dataSource, writes } = aDatabase(earlier, overlapUntil);
    await expect(create(new CreateSubscriptionUseCase(dataSource, config, guard, vault), config, request, partnerAdmin)).rejects.toMatchObject({
      code: 'CONFLICT',
      field: 'input.idempotencyKey',
      message: expect.stringMatching(message),
    });
    expect(writes()).toEqual([]);
  });

  it('answers as a retry when a request with the same key created the subscription at the same time', async () => {
    const { dataSource, statements } = aDatabase({ request_digest: digestOf() });
    const transaction = dataSource.transaction.bind(dataSource);
    let first = true;
    (dataSource as { transaction: unknown }).transaction = async (work: never) => {
      if (!first) return transaction(work);
      first = false;
      throw new QueryFailedError('INSERT INTO subscription', [], Object.assign(new Error('duplicate key'), { constraint: 'subscription_idempotency_key' }));
    };
    expect(await create(new CreateSubscriptionUseCase(dataSource, config, guard, vault), config, request, partnerAdmin)).toMatchObject({ replayed: true, subscription: { id: SUBSCRIPTION_ID } });
    expect(statements.some((statement) => statement.sql.includes('previous_secret_expires_at = now()'))).toBe(true);
  });

  it.each(['short', 'has space!', 'k'.repeat(129)])('refuses the key %j before writing anything', async (idempotencyKey) => {
    const { dataSource, statements } = aDatabase();
    await expect(create(new CreateSubscriptionUseCase(dataSource, config, guard, vault), config, { ...request, idempotencyKey }, partnerAdmin)).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.idempotencyKey',
    });
    expect(statements).toEqual([]);
  });
});
