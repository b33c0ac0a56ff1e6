import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureKafkaTls } from './kafka-tls';

describe('ensureKafkaTls', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'cpx-tls-')), 'tls');

  it('makes a CA and a broker certificate for 127.0.0.1, localhost and kafka, and keeps no CA key', async () => {
    const files = await ensureKafkaTls(dir);
    expect(readdirSync(dir).sort()).toEqual(['broker-keystore.pem', 'ca.pem']);
    const ca = new X509Certificate(readFileSync(files.ca));
    const keystore = readFileSync(files.keystore, 'utf8');
    expect(keystore).toContain('-----BEGIN PRIVATE KEY-----');
    const broker = new X509Certificate(keystore.slice(keystore.indexOf('-----BEGIN CERTIFICATE-----')));
    expect(broker.subject).toBe('CN=cpx-broker');
    expect(broker.verify(ca.publicKey)).toBe(true);
    expect(broker.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost, DNS:kafka');
    expect(broker.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('keeps what it made on the next start', async () => {
    const before = readFileSync(path.join(dir, 'ca.pem'), 'utf8');
    await ensureKafkaTls(dir);
    expect(readFileSync(path.join(dir, 'ca.pem'), 'utf8')).toBe(before);
  });
});
