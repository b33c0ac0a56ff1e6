import { PayloadMode } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { CreateSubscriptionUseCase } from './create-subscription.usecase';
import { EndpointGuard } from './endpoint-guard';
import { WebhookSecretVault } from './webhook-secret-vault';

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
        usecase.execute({ partnerId: '0b0e6a4e-0000-4000-8000-000000000003', eventTypes: ['cpx.alerts.v1.*'], countries: [], webhookUrl, payloadMode: PayloadMode.UNSPECIFIED }, admin),
      ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.webhookUrl' });
      expect(transaction).not.toHaveBeenCalled();
    },
  );

  it('refuses a payload mode it does not know, naming the field, before writing anything', async () => {
    const input = { partnerId: '0b0e6a4e-0000-4000-8000-000000000003', eventTypes: ['cpx.alerts.v1.*'], countries: [], webhookUrl: '', payloadMode: 7 as PayloadMode };
    await expect(usecase.execute(input, admin)).rejects.toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.payloadMode' });
    expect(transaction).not.toHaveBeenCalled();
  });
});
