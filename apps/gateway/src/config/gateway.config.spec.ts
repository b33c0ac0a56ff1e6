import { ConfigError, loadConfig } from '@cpx/platform';
import { GatewayConfig } from './gateway.config';

// Kafka as production requires it (TLS and the gateway's SCRAM user), in every mode here.
const base = {
  KAFKA_BROKERS: 'kafka-1:9093,kafka-2:9093',
  KAFKA_TLS: 'true',
  KAFKA_SASL_USERNAME: 'cpx-gateway',
  KAFKA_SASL_PASSWORD: 'p'.repeat(24),
  CPX_PRINCIPAL_SIGNING_KEY: 'k'.repeat(40),
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
    expect(config).toMatchObject({ PORT: 4000, CPX_MODE: 'local', GRAPHQL_MAX_DEPTH: 8, GRAPHQL_MAX_COMPLEXITY: 1000, HTTP_BODY_LIMIT: '12mb' });
    expect(config.CPX_LOCAL_IDENTITY_DIR).toBe('.cpx/local-identity');
    expect(config.usesLocalIdentity).toBe(true);
  });

  it('requires a JWKS URL in production, and an issuer and audience with it', () => {
    expect(problems({ ...base, CPX_MODE: 'production' })).toEqual([expect.stringMatching(/^OIDC_JWKS_URL: /)]);
    expect(problems({ ...base, CPX_MODE: 'production', OIDC_JWKS_URL: 'https://kc/realms/cpx/protocol/openid-connect/certs' })).toEqual([
      expect.stringMatching(/^OIDC_ISSUER: /),
      expect.stringMatching(/^OIDC_AUDIENCE: /),
    ]);
    const production = loadConfig(GatewayConfig, {
      ...base,
      CPX_MODE: 'production',
      OIDC_JWKS_URL: 'https://kc/certs',
      OIDC_ISSUER: 'https://kc/realms/cpx',
      OIDC_AUDIENCE: 'cpx-gateway',
    });
    expect(production.usesLocalIdentity).toBe(false);
  });

  it('names each bad variable without echoing its value', () => {
    const found = problems({ ...base, PORT: 'eighty', GRAPHQL_MAX_DEPTH: '0', HTTP_BODY_LIMIT: 'lots', OIDC_JWKS_URL: 'not a url' });
    expect(found.map((problem) => problem.split(':')[0])).toEqual(['PORT', 'OIDC_JWKS_URL', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'GRAPHQL_MAX_DEPTH', 'HTTP_BODY_LIMIT']);
    expect(found.join('\n')).not.toContain('eighty');
  });
});
