import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '@cpx/platform';
import { newLocalKeys } from '@cpx/stack';
import { AlertsConfig } from './alerts.config';

const base: Record<string, string | undefined> = {
  KAFKA_BROKERS: 'kafka-1:9092',
  DATABASE_URL: 'postgres://cpx@db:5432/postgres',
  ...newLocalKeys('2026-01').env.alerts,
  ALERTS_MASTER_KEYS: `2026-01:${randomBytes(32).toString('base64')}`,
  ALERTS_ACTIVE_KEY_ID: '2026-01',
};
/** Kafka as production requires it (compose gives it from the secrets volume, not inline). */
const PRODUCTION_KAFKA = { KAFKA_TLS: 'true', KAFKA_SASL_USERNAME: 'cpx-alerts', KAFKA_SASL_PASSWORD: 'p'.repeat(24) };
const compose = readFileSync(path.resolve(__dirname, '../../../../docker-compose.yml'), 'utf8');
const composeDefault = (variable: string) => new RegExp(`${variable}: \\$\\{${variable}:-([^}]+)\\}`).exec(compose)![1]!;

function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(AlertsConfig, env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
}

describe('AlertsConfig: its keys', () => {
  it('needs its opening keys and the gateway\'s public keys, and takes what the stack gives it', () => {
    expect(problems(base)).toEqual([]);
    expect(problems({ ...base, ALERTS_OPENING_KEYS: undefined })).toEqual([expect.stringMatching(/^ALERTS_OPENING_KEYS: /)]);
    expect(problems({ ...base, CPX_GATEWAY_SEALING_KEYS: undefined })[0]).toMatch(/^CPX_GATEWAY_SEALING_KEYS: .*is required/);
    expect(problems({ ...base, CPX_PRINCIPAL_VERIFY_KEYS: undefined })).toEqual([expect.stringMatching(/^CPX_PRINCIPAL_VERIFY_KEYS: /)]);
  });

  it('refuses in production mode each key written in docker-compose.yml, accepted locally', () => {
    const fromCompose = {
      ALERTS_OPENING_KEYS: composeDefault('ALERTS_OPENING_KEYS'),
      ALERTS_MASTER_KEYS: composeDefault('ALERTS_MASTER_KEYS'),
      ALERTS_ACTIVE_KEY_ID: 'local-1',
      CPX_GATEWAY_SEALING_KEYS: composeDefault('CPX_GATEWAY_SEALING_KEYS'),
      CPX_GATEWAY_SEALING_KEY_ID: 'local-1',
      CPX_PRINCIPAL_VERIFY_KEYS: composeDefault('CPX_PRINCIPAL_VERIFY_KEYS'),
    };
    expect(problems({ ...base, ...fromCompose })).toEqual([]);
    const found = problems({ ...base, ...fromCompose, ...PRODUCTION_KAFKA, CPX_MODE: 'production' });
    expect(found.map((problem) => problem.split(':')[0]).sort()).toEqual([
      'ALERTS_MASTER_KEYS',
      'ALERTS_OPENING_KEYS',
      'CPX_GATEWAY_SEALING_KEYS',
      'CPX_PRINCIPAL_VERIFY_KEYS',
    ]);
    for (const value of Object.values(fromCompose).filter((written) => written.length > 20)) expect(found.join(' ')).not.toContain(value.slice(8));
    expect(problems({ ...base, ...PRODUCTION_KAFKA, CPX_MODE: 'production' })).toEqual([]);
  });
});
