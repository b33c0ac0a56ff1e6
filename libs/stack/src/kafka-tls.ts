// The local broker's TLS material, made with openssl on an instance's first start and kept
// in .cache/kafka/<instance>/tls: a CA of that instance alone, and the broker's key and
// certificate (for 127.0.0.1, localhost and `kafka`, the compose service's name) signed by
// it. Clients trust that CA (ca.pem) and nothing else. The CA's key is deleted once the
// broker's certificate is signed: nobody can be issued another certificate it trusts, so
// the controller listener, which asks for a client certificate, admits only the broker.
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The subject of the broker's certificate; `User:CN=cpx-broker` is its principal on the controller listener. */
export const BROKER_CERTIFICATE_SUBJECT = 'CN=cpx-broker';
const VALID_DAYS = 825;
/** Certificates are made again this long before they expire (clients read the new CA on start). */
const RENEW_BEFORE_MS = 30 * 24 * 3600_000;

export interface KafkaTlsFiles {
  /** The instance's CA certificate (PEM): the only certificate clients trust. */
  ca: string;
  /** The broker's PKCS#8 key, its certificate and the CA's, one PEM file (ssl.keystore.type=PEM). */
  keystore: string;
}

export async function ensureKafkaTls(dir: string): Promise<KafkaTlsFiles> {
  const files: KafkaTlsFiles = { ca: path.join(dir, 'ca.pem'), keystore: path.join(dir, 'broker-keystore.pem') };
  if (existsSync(files.ca) && existsSync(files.keystore) && !expiresSoon(files.keystore)) return files;
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const at = (name: string) => path.join(dir, name);
  await openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('ca.key'), '-out', at('ca.pem'),
    '-days', String(VALID_DAYS), '-subj', '/CN=cpx-local-kafka-ca', '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  await openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', at('broker.key'), '-out', at('broker.csr'),
    '-subj', `/${BROKER_CERTIFICATE_SUBJECT}`]);
  await writeFile(at('broker.ext'), [
    'basicConstraints=CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    // The broker serves TLS to clients and is itself a TLS client of its controller listener.
    'extendedKeyUsage=serverAuth,clientAuth',
    'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kafka',
    '',
  ].join('\n'));
  await openssl(['x509', '-req', '-in', at('broker.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial',
    '-out', at('broker.pem'), '-days', String(VALID_DAYS), '-sha256', '-extfile', at('broker.ext')]);
  const pem = await Promise.all(['broker.key', 'broker.pem', 'ca.pem'].map((name) => readFile(at(name), 'utf8')));
  await writeFile(files.keystore, pem.join(''), { mode: 0o600 });
  await Promise.all(['ca.key', 'ca.srl', 'broker.key', 'broker.csr', 'broker.ext', 'broker.pem'].map((name) => rm(at(name), { force: true })));
  return files;
}

/** Whether any certificate of the keystore (the broker's, the CA's) expires within RENEW_BEFORE_MS. */
function expiresSoon(keystore: string): boolean {
  const pems = readFileSync(keystore, 'utf8').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (pems.length === 0) return true;
  return pems.some((pem) => new Date(new X509Certificate(pem).validTo).getTime() - Date.now() < RENEW_BEFORE_MS);
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 60_000 });
  } catch (error) {
    const { code, stderr } = error as NodeJS.ErrnoException & { stderr?: string };
    if (code === 'ENOENT') throw new Error('cpx stack: the local Kafka broker needs openssl to make its TLS certificates once.', { cause: error });
    throw new Error(`cpx stack: openssl ${args[0]} failed: ${stderr?.trim() ?? (error as Error).message}`, { cause: error });
  }
}
