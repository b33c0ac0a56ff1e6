import type { Principal } from '@cpx/platform';
import type { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { newWebhookSecret } from './domain/webhook-secret';
import { RotateSubscriptionSecretCommand } from './rotate-subscription-secret.command';
import { RotateSubscriptionSecretUseCase } from './rotate-subscription-secret.usecase';
import { sealedParameters } from './subscription-secrets';
import { WebhookSecretVault } from './webhook-secret-vault';

const PARTNER = '0b0e6a4e-0000-4000-8000-000000000003';
const SUBSCRIPTION = '0b0e6a4e-0000-4000-8000-000000000002';
const vault = new WebhookSecretVault(new Map([['k1', Buffer.alloc(32, 1)]]), 'k1');
const config = Object.assign(new FeedsConfig(), { CPX_MODE: 'test' });
const partnerAdmin: Principal = { subject: 'partner-admin', roles: ['partner'], partnerId: PARTNER };

/** A subscription rotated once already when `previousUntil` is given; every statement recorded. */
function fakeDatabase(previousUntil?: Date) {
  const statements: string[] = [];
  const [secretKeyId, secretSealed] = sealedParameters(vault, SUBSCRIPTION, { current: newWebhookSecret() });
  const query = async (sql: string) => {
    statements.push(sql);
    if (sql.includes('previous_secret_expires_at > now()')) return previousUntil && previousUntil.getTime() > Date.now() ? [{ previous_secret_expires_at: previousUntil }] : [];
    if (sql.includes('secret_sealed FROM subscription')) {
      return [{ secret: null, secret_key_id: secretKeyId, secret_sealed: secretSealed, previous_secret: null, previous_secret_key_id: null, previous_secret_sealed: null }];
    }
    if (sql.includes('FROM subscription')) return [{ id: SUBSCRIPTION, partner_id: PARTNER, previous_secret_expires_at: previousUntil ?? null }];
    return [];
  };
  const dataSource = { transaction: async (work: (tx: { query: typeof query }) => Promise<unknown>) => work({ query }) } as unknown as DataSource;
  return { dataSource, statements };
}

describe('rotating a subscription’s secret', () => {
  it('issues a new secret, the previous one signing beside it for the overlap', async () => {
    const { dataSource, statements } = fakeDatabase();
    const { secret } = await new RotateSubscriptionSecretUseCase(dataSource, config, vault).execute(RotateSubscriptionSecretCommand.from({ id: SUBSCRIPTION }), partnerAdmin);
    expect(secret).toMatch(/^whsec_/);
    expect(statements.some((sql) => sql.includes('UPDATE subscription SET secret = NULL'))).toBe(true);
  });

  it('refuses a second rotation during the overlap (CONFLICT, saying until when), and keeps both secrets as they are', async () => {
    const until = new Date(Date.now() + 3_600_000);
    const { dataSource, statements } = fakeDatabase(until);
    const rotating = new RotateSubscriptionSecretUseCase(dataSource, config, vault).execute(RotateSubscriptionSecretCommand.from({ id: SUBSCRIPTION }), partnerAdmin);
    await expect(rotating).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`Rotate again after ${until.toISOString()}`) });
    expect(statements.some((sql) => sql.includes('UPDATE subscription'))).toBe(false);
  });

  it('rotates again once the overlap is over', async () => {
    const { dataSource, statements } = fakeDatabase(new Date(Date.now() - 1_000));
    await new RotateSubscriptionSecretUseCase(dataSource, config, vault).execute(RotateSubscriptionSecretCommand.from({ id: SUBSCRIPTION }), partnerAdmin);
    expect(statements.some((sql) => sql.includes('UPDATE subscription SET secret = NULL'))).toBe(true);
  });

  it('tells a stranger FORBIDDEN, not whether a rotation is under way', async () => {
    const { dataSource } = fakeDatabase(new Date(Date.now() + 3_600_000));
    const stranger: Principal = { subject: 'other', roles: ['partner'], partnerId: '0b0e6a4e-0000-4000-8000-000000000009' };
    await expect(new RotateSubscriptionSecretUseCase(dataSource, config, vault).execute(RotateSubscriptionSecretCommand.from({ id: SUBSCRIPTION }), stranger)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
