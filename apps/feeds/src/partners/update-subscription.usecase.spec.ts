import { PayloadMode } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { FeedsConfig } from '../config/feeds.config';
import { fakeDatabase } from '../../test/fake-database';
import { aSubscriptionRow, PARTNER_ID, partnerColumns, SUBSCRIPTION_ID, subscriptionColumns, type PartnerColumns, type SubscriptionColumns } from '../../test/subscription-factories';
import { EndpointGuard } from './endpoint-guard';
import { UpdateSubscriptionCommand, type UpdateSubscriptionRequest as UpdateSubscriptionInput } from './update-subscription.command';
import { UpdateSubscriptionUseCase } from './update-subscription.usecase';

const config = Object.assign(new FeedsConfig(), { CPX_MODE: 'production' });
const partnerAdmin: Principal = { subject: 'unicef-admin', roles: ['partner'], partnerId: PARTNER_ID };

/** The use case over a database holding this subscription of this partner; DNS answers public addresses but for internal.partner.example. */
function anUpdate(subscription: SubscriptionColumns = subscriptionColumns(), partner: PartnerColumns = partnerColumns()) {
  const database = fakeDatabase((sql) => {
    if (sql.includes('FROM subscription WHERE id = $1 AND deleted_at IS NULL')) return [subscription];
    if (sql.includes('FROM partner WHERE id = $1')) return [partner];
    return [];
  });
  const lookups: string[] = [];
  const dns = async (host: string) => {
    lookups.push(host);
    return host === 'internal.partner.example' ? ['192.168.10.4'] : ['8.8.8.8'];
  };
  const usecase = new UpdateSubscriptionUseCase(database.dataSource, new EndpointGuard(dns, config));
  // As the handler calls it: the request made a command first (refused there or by the use case alike).
  const update = async (input: Omit<UpdateSubscriptionInput, 'id'> & { id?: string }, principal: Principal = partnerAdmin) =>
    usecase.execute(UpdateSubscriptionCommand.from({ id: SUBSCRIPTION_ID, ...input }, { allowPrivate: config.FEEDS_ALLOW_PRIVATE_ENDPOINTS }), principal);
  return { ...database, update, lookups };
}

const settingsWritten = (writes: string[]) => writes.filter((sql) => sql.startsWith('UPDATE subscription SET webhook_url'));

describe('updating a subscription', () => {
  it('changes the webhook URL in place, the new endpoint starting with no run of failures and no pause, and moves the version', async () => {
    const { update, statements, writes } = anUpdate(subscriptionColumns({ version: 3 }));
    await update({ webhookUrl: 'https://new.partner.example/cpx', expectedVersion: 3 });
    expect(settingsWritten(writes())).toHaveLength(1);
    const written = statements.find((statement) => statement.sql.includes('UPDATE subscription SET webhook_url'))!;
    expect(written.sql).toContain('version = version + 1');
    expect(written.parameters).toEqual([SUBSCRIPTION_ID, 'https://new.partner.example/cpx', ['cpx.alerts.v1.*'], [], 'THIN', true]);
    // The secret is not touched.
    expect(writes().some((sql) => /secret/.test(sql))).toBe(false);
  });

  it('locks the subscription as delivery does, never FOR UPDATE (which would hold up deliveries being recorded for it)', async () => {
    const { update, statements } = anUpdate();
    await update({ eventTypes: ['cpx.directory.v1.*'] });
    const sql = statements.map((statement) => statement.sql);
    expect(sql.some((text) => text.includes('FOR NO KEY UPDATE'))).toBe(true);
    expect(sql.some((text) => /FOR UPDATE/.test(text))).toBe(false);
  });

  it('keeps the endpoint’s run of failures and pause when only the filters change', async () => {
    const { update, statements } = anUpdate();
    await update({ eventTypes: ['cpx.directory.v1.*', 'cpx.alerts.v1.AlertPosted'], countries: ['RS', 'FR', 'RS'] });
    const written = statements.find((statement) => statement.sql.includes('UPDATE subscription SET webhook_url'))!;
    expect(written.parameters).toEqual([SUBSCRIPTION_ID, 'https://hooks.partner.example/cpx', ['cpx.alerts.v1.AlertPosted', 'cpx.directory.v1.*'], ['FR', 'RS'], 'THIN', false]);
  });

  it('writes the old payload mode into earlier deliveries that do not carry one before changing it, so their bodies stay as they were', async () => {
    const { update, writes } = anUpdate();
    await update({ payloadMode: PayloadMode.FULL });
    expect(writes()).toEqual([
      'UPDATE webhook_delivery SET payload_mode = $2 WHERE subscription_id = $1 AND payload_mode IS NULL',
      expect.stringMatching(/^UPDATE subscription SET webhook_url/),
    ]);
  });

  it('gives a partner limited to some countries all of them for an empty list, and refuses others', async () => {
    const limited = partnerColumns({ countries: ['FR', 'RS'] });
    const { update, statements } = anUpdate(subscriptionColumns({ countries: ['RS'] }), limited);
    await update({ countries: [] });
    expect(statements.find((statement) => statement.sql.includes('UPDATE subscription SET webhook_url'))!.parameters[3]).toEqual(['FR', 'RS']);
    const refused = anUpdate(subscriptionColumns({ countries: ['RS'] }), limited);
    await expect(refused.update({ countries: ['BG'] })).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.countries' });
    expect(refused.writes()).toEqual([]);
  });

  it('refuses a stale expectedVersion (CONFLICT) and changes nothing', async () => {
    const { update, writes } = anUpdate(subscriptionColumns({ version: 4 }));
    await expect(update({ webhookUrl: 'https://new.partner.example/cpx', expectedVersion: 3 })).rejects.toMatchObject({ code: 'CONFLICT', field: 'input.expectedVersion' });
    expect(writes()).toEqual([]);
  });

  it('answers an update that changes nothing as the subscription is, neither refused for its version nor counted', async () => {
    const current = subscriptionColumns({ version: 4, countries: ['FR', 'RS'] });
    const { update, writes } = anUpdate(current);
    expect(await update({ webhookUrl: current.webhook_url!, countries: ['RS', 'FR'], payloadMode: PayloadMode.THIN, expectedVersion: 3 })).toEqual(aSubscriptionRow({ version: 4, countries: ['FR', 'RS'] }));
    expect(writes()).toEqual([]);
  });

  it('forbids anybody but the partner’s admins and platform admins, before looking up any host, and changes nothing', async () => {
    for (const stranger of [
      { subject: 'other', roles: ['partner'], partnerId: '0b0e6a4e-0000-4000-8000-000000000009' },
      { subject: 'pro', roles: ['professional'], country: 'RS' },
      { subject: 'nobody', roles: [] },
    ] as Principal[]) {
      const { update, writes, lookups } = anUpdate();
      await expect(update({ webhookUrl: 'https://new.partner.example/cpx' }, stranger)).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(writes()).toEqual([]);
      expect(lookups).toEqual([]);
    }
    const { update } = anUpdate();
    await expect(update({ eventTypes: ['cpx.directory.v1.*'] }, { subject: 'admin', roles: ['platform_admin'] })).resolves.toBeDefined();
  });

  it.each([
    [{ id: 'nope' }, 'input.id'],
    [{ eventTypes: [] }, 'input.eventTypes'],
    [{ eventTypes: ['cpx.alerts.v1.Invented'] }, 'input.eventTypes.0'],
    [{ countries: ['serbia'] }, 'input.countries.0'],
    [{ webhookUrl: 'not a url' }, 'input.webhookUrl'],
    [{ webhookUrl: 'http://partner.example.org/hook' }, 'input.webhookUrl'],
    [{ webhookUrl: '' }, 'input.webhookUrl'],
    [{ webhookUrl: 'https://internal.partner.example/hook' }, 'input.webhookUrl'],
    [{ webhookUrl: 'https://10.0.0.5/hook' }, 'input.webhookUrl'],
    [{ payloadMode: 7 as PayloadMode }, 'input.payloadMode'],
  ] as const)('refuses %j naming the field, and changes nothing', async (input, field) => {
    const { update, writes } = anUpdate();
    await expect(update(input as Partial<UpdateSubscriptionInput>)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(writes()).toEqual([]);
  });
});
