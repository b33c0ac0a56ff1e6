import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import { newWebhookSecret } from '../partners/domain/webhook-secret';
import { ResealSubscriptionSecretsUseCase } from '../partners/reseal-subscription-secrets.usecase';
import { sealedParameters, type StoredSecrets } from '../partners/subscription-secrets';
import { WebhookSecretVault } from '../partners/webhook-secret-vault';
import { ClaimWebhookDeliveriesUseCase } from './claim-webhook-deliveries.usecase';

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

const vault = new WebhookSecretVault(new Map([['k1', randomBytes(32)]]), 'k1');
const SUBSCRIPTION = '0b0e6a4e-0000-4000-8000-000000000002';

describe('claiming deliveries', () => {
  const config = Object.assign(new FeedsConfig(), { CPX_MODE: 'test' });
  const current = newWebhookSecret();
  const previous = newWebhookSecret();
  const claimedRow = (id: string, subscriptionId: string, secrets: StoredSecrets, previousLive = true) => ({
    id,
    attempts: 1,
    retry_base: 0,
    subscription_id: subscriptionId,
    send_at: new Date(),
    partner_id: other,
    payload_mode: 'THIN',
    webhook_url: 'http://127.0.0.1:1/hook',
    sequence: '7',
    previous_live: previousLive,
    type: 'cpx.alerts.v1.AlertPosted',
    occurred_at: new Date(),
    data: '{}',
    ...secrets,
  });
  const sealed = (subscriptionId: string, secrets: { current: string; previous?: string }): StoredSecrets => {
    const [secretKeyId, secretSealed, previousKeyId, previousSealed] = sealedParameters(vault, subscriptionId, secrets);
    return { secret: null, secret_key_id: secretKeyId, secret_sealed: secretSealed, previous_secret: null, previous_secret_key_id: previousKeyId, previous_secret_sealed: previousSealed };
  };
  const clear: StoredSecrets = { secret: current, secret_key_id: null, secret_sealed: null, previous_secret: null, previous_secret_key_id: null, previous_secret_sealed: null };
  const other = '0b0e6a4e-0000-4000-8000-000000000003';
  const legacy = '0b0e6a4e-0000-4000-8000-000000000004';

  it('claims no more for an endpoint than its room under FEEDS_ENDPOINT_CONCURRENCY, counting what it has in flight', async () => {
    const { dataSource, statements } = fakeDatabase();
    const bounded = Object.assign(new FeedsConfig(), { CPX_MODE: 'test', FEEDS_ENDPOINT_CONCURRENCY: 3 });
    await new ClaimWebhookDeliveriesUseCase(dataSource, vault, bounded, new ResealSubscriptionSecretsUseCase(dataSource, vault)).execute(50);
    const [{ sql, parameters }] = statements;
    expect(parameters[0]).toBe(50);
    expect(parameters[5]).toBe(3);
    // In flight: claimed and the lease not run out. An endpoint at the bound is not ready; another gets what room it has left.
    expect(sql.replace(/\s+/g, ' ')).toContain(`l.state = 'PENDING' AND l.claim_token IS NOT NULL AND l.next_attempt_at > now()`);
    expect(sql).toContain('leased.in_flight < $6');
    expect(sql).toContain('LIMIT least($1, r.room)');
  });

  it('opens each subscription’s sealed secrets, skips a delivery whose secrets do not open, and seals a row still in clear', async () => {
    const rows = [
      claimedRow('d1', SUBSCRIPTION, sealed(SUBSCRIPTION, { current, previous })),
      claimedRow('d2', other, sealed(SUBSCRIPTION, { current })), // a ciphertext copied from another subscription
      claimedRow('d3', legacy, clear),
    ];
    const { dataSource, statements } = fakeDatabase((sql, parameters) => {
      if (sql.includes('WITH ready AS')) return rows;
      if (sql.includes('FOR UPDATE') && parameters[0] === legacy) return [clear];
      return [];
    });
    const usecase = new ClaimWebhookDeliveriesUseCase(dataSource, vault, config, new ResealSubscriptionSecretsUseCase(dataSource, vault));
    const claimed = await usecase.execute(10);
    expect(claimed[0]).toMatchObject({ partnerId: other, payloadMode: 'THIN', sequence: '7' });
    expect(claimed.map((entry) => [entry.id, entry.secrets])).toEqual([
      ['d1', [current, previous]],
      ['d3', [current]],
    ]);
    const update = statements.find((statement) => statement.sql.includes('UPDATE subscription SET secret = NULL'));
    expect(update?.parameters[0]).toBe(legacy);
    expect(update?.parameters).not.toContain(current);
    expect(vault.open(legacy, 'secret', { keyId: update?.parameters[1] as string, sealed: update?.parameters[2] as Buffer })).toBe(current);
  });
});
