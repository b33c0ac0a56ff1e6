import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { ChildIdentitySchema } from '@cpx/contracts';
import { ConfigError, loadConfig, parseKeyList, PayloadOpener, PayloadSealer, postAlertContext } from '@cpx/platform';
import { newLocalKeys } from '@cpx/stack';
import { FeedsConfig } from './feeds.config';

const key = () => randomBytes(32).toString('base64');
const keys = newLocalKeys('2026-01');
const base = {
  KAFKA_BROKERS: 'kafka-1:9093',
  KAFKA_TLS: 'true',
  KAFKA_SASL_USERNAME: 'cpx-feeds',
  KAFKA_SASL_PASSWORD: 'p'.repeat(24),
  DATABASE_URL: 'postgres://cpx@db:5432/postgres',
  // What the stack gives the feeds service: the gateway's public keys, nothing else.
  ...keys.env.feeds,
  FEEDS_SECRET_KEYS: `2026-01:${key()}`,
  FEEDS_ACTIVE_SECRET_KEY_ID: '2026-01',
};
const compose = readFileSync(path.resolve(__dirname, '../../../../docker-compose.yml'), 'utf8');
const composeDefault = (variable: string) => new RegExp(`${variable}: \\$\\{${variable}:-([^}]+)\\}`).exec(compose)![1]!;

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

describe('FeedsConfig: the gateway\'s public keys, that new secrets are sealed to on their way back', () => {
  it('are required, each 32 bytes, with the active one among them, without echoing them', () => {
    expect(problems({ ...base, CPX_GATEWAY_SEALING_KEYS: undefined })).toEqual([
      expect.stringMatching(/^CPX_GATEWAY_SEALING_KEYS: .*is required/),
      expect.stringMatching(/^CPX_GATEWAY_SEALING_KEY_ID: must be one of the key ids in CPX_GATEWAY_SEALING_KEYS/),
    ]);
    const short = `2026-01:${randomBytes(16).toString('base64')}`;
    const found = problems({ ...base, CPX_GATEWAY_SEALING_KEYS: short });
    expect(found[0]).toMatch(/^CPX_GATEWAY_SEALING_KEYS: must be <key id>:<base64 of 32 bytes>/);
    expect(found.join(' ')).not.toContain(short.slice(8));
    expect(problems({ ...base, CPX_GATEWAY_SEALING_KEY_ID: '2025-12' })).toEqual([expect.stringMatching(/^CPX_GATEWAY_SEALING_KEY_ID: must be one of the key ids/)]);
  });
});

describe('FeedsConfig: no key that opens a child\'s record', () => {
  it('declares no variable for one: no opening (private) key, no principal signing key, no shared payload key', () => {
    const declared = new Set(getMetadataStorage().getTargetValidationMetadatas(FeedsConfig, '', true, false).map((metadata) => metadata.propertyName));
    expect(declared).toContain('CPX_GATEWAY_SEALING_KEYS');
    for (const variable of ['ALERTS_OPENING_KEYS', 'GATEWAY_OPENING_KEYS', 'GATEWAY_PRINCIPAL_SIGNING_KEYS', 'CPX_PAYLOAD_KEY', 'CPX_PRINCIPAL_SIGNING_KEY']) {
      expect(declared).not.toContain(variable);
    }
    expect([...declared].filter((name) => /OPENING|PRIVATE_KEY|SIGNING|PAYLOAD_KEY/.test(name))).toEqual([]);
    // And the stack gives the feeds service nothing else.
    expect(Object.keys(keys.env.feeds).sort()).toEqual(['CPX_GATEWAY_SEALING_KEYS', 'CPX_GATEWAY_SEALING_KEY_ID', 'CPX_PRINCIPAL_VERIFY_KEYS']);
  });

  it('cannot open a child\'s record sealed to the alerts service with any key it holds', async () => {
    const context = postAlertContext('post-0001');
    const sealer = await PayloadSealer.create(parseKeyList(keys.env.gateway['GATEWAY_ALERTS_SEALING_KEYS']!, 'GATEWAY_ALERTS_SEALING_KEYS'), '2026-01', 'GATEWAY_ALERTS_SEALING_KEYS');
    const sealed = await sealer.seal(ChildIdentitySchema, { givenNames: ['Marko'], familyNames: ['Jovanović'] }, context);
    const config = loadConfig(FeedsConfig, base);
    // Every key of the feeds service's configuration, tried as an opening key (it is none).
    const held = [config.CPX_GATEWAY_SEALING_KEYS!, config.CPX_PRINCIPAL_VERIFY_KEYS, config.FEEDS_SECRET_KEYS];
    for (const list of held) {
      const opener = await PayloadOpener.create(parseKeyList(list, 'held'), 'held');
      await expect(opener.open(ChildIdentitySchema, sealed, context, 'child')).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    // The alerts service's key does open it: the record is sound, only sealed to someone else.
    const alerts = await PayloadOpener.create(parseKeyList(keys.env.alerts['ALERTS_OPENING_KEYS']!, 'ALERTS_OPENING_KEYS'), 'ALERTS_OPENING_KEYS');
    expect((await alerts.open(ChildIdentitySchema, sealed, context, 'child')).familyNames).toEqual(['Jovanović']);
  });
});

describe('FeedsConfig in production mode', () => {
  it('refuses the keys written in docker-compose.yml, accepted locally', () => {
    const fromCompose = {
      FEEDS_SECRET_KEYS: composeDefault('FEEDS_SECRET_KEYS'),
      FEEDS_ACTIVE_SECRET_KEY_ID: 'local-1',
      CPX_GATEWAY_SEALING_KEYS: composeDefault('CPX_GATEWAY_SEALING_KEYS'),
      CPX_GATEWAY_SEALING_KEY_ID: 'local-1',
      CPX_PRINCIPAL_VERIFY_KEYS: composeDefault('CPX_PRINCIPAL_VERIFY_KEYS'),
    };
    expect(problems({ ...base, ...fromCompose })).toEqual([]);
    expect(problems({ ...base, ...fromCompose, CPX_MODE: 'production' }).map((problem) => problem.split(':')[0]).sort()).toEqual([
      'CPX_GATEWAY_SEALING_KEYS',
      'CPX_PRINCIPAL_VERIFY_KEYS',
      'FEEDS_SECRET_KEYS',
    ]);
    expect(problems({ ...base, CPX_MODE: 'production' })).toEqual([]);
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
