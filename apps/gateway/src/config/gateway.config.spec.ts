import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '@cpx/platform';
import { newLocalKeys } from '@cpx/stack';
import { GatewayConfig } from './gateway.config';

// Kafka as production requires it (TLS and the gateway's SCRAM user), in every mode here.
const base: Record<string, string> = {
  KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
  KAFKA_TLS: 'true',
  KAFKA_SASL_USERNAME: 'cpx-gateway',
  KAFKA_SASL_PASSWORD: 'p'.repeat(24),
  ...newLocalKeys('2026-01').env.gateway,
};
const production = {
  ...base,
  CPX_MODE: 'production',
  OIDC_JWKS_URL: 'https://kc/certs',
  OIDC_ISSUER: 'https://kc/realms/cpx',
  OIDC_AUDIENCE: 'cpx-gateway',
};

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(GatewayConfig, env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
}

describe('GatewayConfig', () => {
  it('has working defaults and needs no database', () => {
    const config = loadConfig(GatewayConfig, base);
    expect(config).toMatchObject({ PORT: 4000, CPX_MODE: 'local', GRAPHQL_MAX_DEPTH: 8, GRAPHQL_MAX_COMPLEXITY: 5000, GRAPHQL_MAX_ROUND_TRIPS: 25, HTTP_BODY_LIMIT: '12mb' });
    expect(config.CPX_LOCAL_IDENTITY_DIR).toBe('.cpx/local-identity');
    expect(config.usesLocalIdentity).toBe(true);
  });

  it('requires a JWKS URL in production, and an issuer and audience with it', () => {
    expect(problems({ ...base, CPX_MODE: 'production' })).toEqual([expect.stringMatching(/^OIDC_JWKS_URL: /)]);
    expect(problems({ ...base, CPX_MODE: 'production', OIDC_JWKS_URL: 'https://kc/realms/cpx/protocol/openid-connect/certs' })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER: /),
      expect.stringMatching(/^OIDC_AUDIENCE: /),
    ]);
    expect(loadConfig(GatewayConfig, production).usesLocalIdentity).toBe(false);
  });

  it('holds its keys by id, each listed once, the active ones among them', () => {
    expect(problems({ ...base, GATEWAY_PRINCIPAL_SIGNING_KEY_ID: '2025-12', GATEWAY_ALERTS_SEALING_KEY_ID: '2025-12' })).toEqual([
      expect.stringMatching(/^GATEWAY_PRINCIPAL_SIGNING_KEY_ID: must be one of the key ids in GATEWAY_PRINCIPAL_SIGNING_KEYS/),
      expect.stringMatching(/^GATEWAY_ALERTS_SEALING_KEY_ID: must be one of the key ids in GATEWAY_ALERTS_SEALING_KEYS/),
    ]);
    const key = base.GATEWAY_OPENING_KEYS;
    expect(problems({ ...base, GATEWAY_OPENING_KEYS: `${key},${key}` })).toEqual([expect.stringMatching(/^GATEWAY_OPENING_KEYS: must not list a key id twice/)]);
    for (const variable of ['GATEWAY_PRINCIPAL_SIGNING_KEYS', 'GATEWAY_OPENING_KEYS', 'GATEWAY_ALERTS_SEALING_KEYS'] as const) {
      expect(problems({ ...base, [variable]: undefined as unknown as string })[0]).toMatch(new RegExp(`^${variable}: `));
    }
  });

  it('refuses in production mode every key written in the repository: docker-compose.yml\'s, for each variable', () => {
    const compose = readFileSync(path.resolve(__dirname, '../../../../docker-compose.yml'), 'utf8');
    const composeDefault = (variable: string) => new RegExp(`${variable}: \\$\\{${variable}:-([^}]+)\\}`).exec(compose)![1]!;
    const variables = ['GATEWAY_PRINCIPAL_SIGNING_KEYS', 'GATEWAY_OPENING_KEYS', 'GATEWAY_ALERTS_SEALING_KEYS'] as const;
    // Locally, the compose file's keys are accepted (that is what they are for).
    expect(problems({ ...base, ...Object.fromEntries(variables.map((variable) => [variable, composeDefault(variable)])), GATEWAY_PRINCIPAL_SIGNING_KEY_ID: 'local-1', GATEWAY_ALERTS_SEALING_KEY_ID: 'local-1' })).toEqual([]);
    for (const variable of variables) {
      // The compose default listed beside a fresh key is refused as well: a leaked key must not verify or open anything.
      const found = problems({ ...production, [variable]: `${base[variable]},${composeDefault(variable)}` });
      expect([variable, found]).toEqual([variable, [expect.stringMatching(new RegExp(`^${variable}: must not hold a key written in the CPX repository in production mode \\(key local-1\\)`))]]);
      expect(found.join(' ')).not.toContain(composeDefault(variable).slice(8));
    }
    // And a key of 32 equal bytes, as a test would write it.
    const equalBytes = `k-1:${Buffer.alloc(32, 7).toString('base64')}`;
    expect(problems({ ...production, GATEWAY_OPENING_KEYS: equalBytes })).toEqual([expect.stringMatching(/^GATEWAY_OPENING_KEYS: must not hold a key written/)]);
    expect(problems(production)).toEqual([]);
  });

  it('names each bad variable without echoing its value', () => {
    const found = problems({ ...base, PORT: 'eighty', GRAPHQL_MAX_DEPTH: '0', HTTP_BODY_LIMIT: 'lots', OIDC_JWKS_URL: 'not a url' });
    expect(found.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'OIDC_JWKS_URL', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'GRAPHQL_MAX_DEPTH', 'HTTP_BODY_LIMIT']);
    expect(found.join('\n')).not.toContain('eighty');
  });
});
