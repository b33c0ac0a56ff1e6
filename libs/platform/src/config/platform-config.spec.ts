import 'reflect-metadata';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from './load-config';
import { PlatformConfig } from './platform-config';

const base = { KAFKA_BROKERS: 'kafka-1:9093', DATABASE_URL: 'postgres://u:p@db:5432/postgres', CPX_PRINCIPAL_VERIFY_KEYS: `gw-1:${gatewayPublicKey()}` };
/** A fresh Ed25519 public key, raw and in base64, as the gateway's keys are given. */
function gatewayPublicKey(): string {
  const { x } = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
  return Buffer.from(x ?? '', 'base64url').toString('base64');
}

const user = { KAFKA_SASL_USERNAME: 'cpx-directory', KAFKA_SASL_PASSWORD: 'p'.repeat(32) };

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(PlatformConfig, env);
    return [];
  } catch (error) {
    return error instanceof ConfigError ? error.problems : [String(error)];
  }
}

describe('PlatformConfig: Kafka security', () => {
  it('connects in plaintext without a user only outside production (a plaintext external cluster)', () => {
    expect(loadConfig(PlatformConfig, base).kafkaSecurity).toEqual({});
  });

  it('requires TLS and a SCRAM user in production', () => {
    expect(problems({ ...base, CPX_MODE: 'production' })).toEqual([
      expect.stringMatching(/^KAFKA_TLS: must be true in production mode/),
      expect.stringMatching(/^KAFKA_SASL_USERNAME: must be set in production mode/),
    ]);
    expect(problems({ ...base, CPX_MODE: 'production', KAFKA_TLS: 'true', ...user })).toEqual([]);
  });

  it('gives every client TLS and SCRAM-SHA-512 as this service', () => {
    expect(loadConfig(PlatformConfig, { ...base, KAFKA_TLS: 'true', ...user }).kafkaSecurity).toEqual({
      ssl: true,
      sasl: { mechanism: 'scram-sha-512', username: 'cpx-directory', password: 'p'.repeat(32) },
    });
  });

  it('trusts the CA file given, and refuses one it cannot read', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cpx-config-'));
    const ca = path.join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    expect(loadConfig(PlatformConfig, { ...base, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: ca }).kafkaSecurity.ssl).toEqual({ ca: [expect.stringContaining('BEGIN CERTIFICATE')] });
    expect(problems({ ...base, KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: path.join(dir, 'missing.pem') })).toEqual([
      expect.stringMatching(/^KAFKA_TLS_CA_FILE: must be a readable PEM file of CA certificates/),
    ]);
  });

  it('refuses a user without a password, a password without a user, a short password and a TLS flag that is not one', () => {
    expect(problems({ ...base, KAFKA_SASL_USERNAME: 'cpx-directory' })).toEqual([expect.stringMatching(/^KAFKA_SASL_PASSWORD: /)]);
    expect(problems({ ...base, KAFKA_SASL_PASSWORD: 'p'.repeat(32) })).toEqual([expect.stringMatching(/^KAFKA_SASL_USERNAME: /)]);
    expect(problems({ ...base, ...user, KAFKA_SASL_PASSWORD: 'short' })).toEqual([expect.stringMatching(/^KAFKA_SASL_PASSWORD: must be at least 16/)]);
    expect(problems({ ...base, KAFKA_TLS: 'yes' })).toEqual([expect.stringMatching(/^KAFKA_TLS: must be true or false/)]);
  });
});
