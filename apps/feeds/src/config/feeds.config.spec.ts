import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '@cpx/platform';
import { FeedsConfig } from './feeds.config';

const key = () => randomBytes(32).toString('base64');
const base = {
  KAFKA_BROKERS: 'kafka-1:9093',
  KAFKA_TLS: 'true',
  KAFKA_SASL_USERNAME: 'cpx-feeds',
  KAFKA_SASL_PASSWORD: 'p'.repeat(24),
  DATABASE_URL: 'postgres://cpx@db:5432/postgres',
  CPX_PRINCIPAL_SIGNING_KEY: 'k'.repeat(40),
  CPX_PAYLOAD_KEY: key(),
  FEEDS_SECRET_KEYS: `2026-01:${key()}`,
  FEEDS_ACTIVE_SECRET_KEY_ID: '2026-01',
};

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(FeedsConfig, env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
}

describe('FeedsConfig: the keys that seal webhook secrets', () => {
  it('takes a list of keys and the active one', () => {
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, FEEDS_SECRET_KEYS: `2026-01:${key()}, 2026-07:${key()}`, FEEDS_ACTIVE_SECRET_KEY_ID: '2026-07' })).toEqual([]);
  });

  it('stops the service naming the variable when a key is missing, malformed, short or listed twice, without echoing it', () => {
    const short = randomBytes(16).toString('base64');
    expect(problems({ ...base, FEEDS_SECRET_KEYS: undefined })).toEqual([expect.stringMatching(/^FEEDS_SECRET_KEYS: /), expect.stringMatching(/^FEEDS_ACTIVE_SECRET_KEY_ID: .*one of the key ids/)]);
    for (const bad of [`2026-01:${short}`, key(), `2026-01:${key()},2026-01:${key()}`]) {
      const found = problems({ ...base, FEEDS_SECRET_KEYS: bad });
      expect(found[0]).toMatch(/^FEEDS_SECRET_KEYS: /);
      expect(found.join(' ')).not.toContain(bad.slice(-20));
    }
  });

  it('needs the active key id among the keys', () => {
    expect(problems({ ...base, FEEDS_ACTIVE_SECRET_KEY_ID: undefined })).toEqual([expect.stringMatching(/^FEEDS_ACTIVE_SECRET_KEY_ID: /)]);
    expect(problems({ ...base, FEEDS_ACTIVE_SECRET_KEY_ID: '2025-12' })).toEqual([expect.stringMatching(/^FEEDS_ACTIVE_SECRET_KEY_ID: must be one of the key ids in FEEDS_SECRET_KEYS/)]);
  });
});

describe('FeedsConfig: the key that seals new secrets on their way to the gateway', () => {
  it('is required, and must be 32 bytes, without echoing it', () => {
    expect(problems({ ...base, CPX_PAYLOAD_KEY: undefined })).toEqual([expect.stringMatching(/^CPX_PAYLOAD_KEY: is required/)]);
    const short = randomBytes(16).toString('base64');
    const found = problems({ ...base, CPX_PAYLOAD_KEY: short });
    expect(found).toEqual([expect.stringMatching(/^CPX_PAYLOAD_KEY: must be 32 bytes in base64/)]);
    expect(found.join(' ')).not.toContain(short);
  });
});

describe('FeedsConfig: deliveries in flight', () => {
  it('keeps each endpoint’s share below the instance’s slots, or one endpoint could hold them all', () => {
    expect(loadConfig(FeedsConfig, base)).toMatchObject({ FEEDS_DELIVERY_CONCURRENCY: 128, FEEDS_ENDPOINT_CONCURRENCY: 16 });
    expect(problems({ ...base, FEEDS_DELIVERY_CONCURRENCY: '8', FEEDS_ENDPOINT_CONCURRENCY: '2' })).toEqual([]);
    expect(problems({ ...base, FEEDS_DELIVERY_CONCURRENCY: '16' })).toEqual([expect.stringMatching(/^FEEDS_ENDPOINT_CONCURRENCY: must be less than FEEDS_DELIVERY_CONCURRENCY/)]);
    expect(problems({ ...base, FEEDS_ENDPOINT_CONCURRENCY: '0' })).toEqual([expect.stringMatching(/^FEEDS_ENDPOINT_CONCURRENCY: /)]);
  });
});

describe('FeedsConfig: private webhook endpoints', () => {
  it('are refused unless allowed, and can be allowed outside production only', () => {
    expect(loadConfig(FeedsConfig, base).FEEDS_ALLOW_PRIVATE_ENDPOINTS).toBe(false);
    expect(loadConfig(FeedsConfig, { ...base, FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'false' }).FEEDS_ALLOW_PRIVATE_ENDPOINTS).toBe(false);
    expect(loadConfig(FeedsConfig, { ...base, FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'true', CPX_MODE: 'local' }).FEEDS_ALLOW_PRIVATE_ENDPOINTS).toBe(true);
    expect(loadConfig(FeedsConfig, { ...base, FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'true', CPX_MODE: 'test' }).FEEDS_ALLOW_PRIVATE_ENDPOINTS).toBe(true);
    expect(problems({ ...base, FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'true', CPX_MODE: 'production' })).toEqual([expect.stringMatching(/^FEEDS_ALLOW_PRIVATE_ENDPOINTS: must not be true in production/)]);
    expect(problems({ ...base, FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'yes' })).toEqual([expect.stringMatching(/^FEEDS_ALLOW_PRIVATE_ENDPOINTS: must be true or false/)]);
  });
});
