import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { KAFKA_PRINCIPALS } from '@cpx/contracts';
import { clientSecurity, ensureLocalUsers, kafkaAuthFromEnv, serviceKafkaEnv } from './kafka-auth';

const dir = mkdtempSync(path.join(tmpdir(), 'cpx-kafka-auth-'));

describe('ensureLocalUsers', () => {
  it('makes one user per principal and the broker, readable by its owner only, and keeps them', async () => {
    const file = path.join(dir, 'users.json');
    const users = await ensureLocalUsers(file);
    expect(Object.keys(users).sort()).toEqual([...KAFKA_PRINCIPALS, 'broker'].sort());
    expect(users.directory.username).toBe('cpx-directory');
    expect(users.directory.password.length).toBeGreaterThanOrEqual(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await ensureLocalUsers(file)).toEqual(users);
  });

  it('adds a principal the file lacks, keeping the others\' passwords', async () => {
    const file = path.join(dir, 'older.json');
    writeFileSync(file, JSON.stringify({ directory: { username: 'cpx-directory', password: 'kept-password-0123456789' } }));
    const users = await ensureLocalUsers(file);
    expect(users.directory.password).toBe('kept-password-0123456789');
    expect(JSON.parse(readFileSync(file, 'utf8')).tools.username).toBe('cpx-tools');
  });
});

describe('an external cluster (KAFKA_BROKERS)', () => {
  it('is plaintext without users when nothing says otherwise', () => {
    expect(kafkaAuthFromEnv({})).toBeUndefined();
    expect(clientSecurity(undefined, 'tools')).toEqual({});
    expect(serviceKafkaEnv(undefined, 'directory')).toEqual({});
  });

  it('takes TLS, its CA and the principals\' users from the environment, and gives each service its own', () => {
    const principals = path.join(dir, 'principals.json');
    writeFileSync(principals, JSON.stringify({ feeds: { username: 'cpx-feeds', password: 'feeds-password-0123456789' } }));
    const ca = path.join(dir, 'ca.pem');
    writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const auth = kafkaAuthFromEnv({ KAFKA_TLS: 'true', KAFKA_TLS_CA_FILE: ca, CPX_KAFKA_PRINCIPALS_FILE: principals });
    expect(serviceKafkaEnv(auth, 'feeds')).toEqual({
      KAFKA_TLS: 'true',
      KAFKA_TLS_CA_FILE: ca,
      KAFKA_SASL_USERNAME: 'cpx-feeds',
      KAFKA_SASL_PASSWORD: 'feeds-password-0123456789',
    });
    expect(clientSecurity(auth, 'feeds')).toEqual({
      ssl: { ca: [expect.stringContaining('BEGIN CERTIFICATE')] },
      sasl: { mechanism: 'scram-sha-512', username: 'cpx-feeds', password: 'feeds-password-0123456789' },
    });
    // A principal it was given no user for connects with TLS alone, and the broker decides.
    expect(clientSecurity(auth, 'directory')).toEqual({ ssl: { ca: [expect.any(String)] } });
  });
});
