/**
 * Prints a fresh set of the platform's keys, as environment variables per service, for a
 * deployment (or a rotation: give it the new key id and list the new keys beside the old).
 *
 *   npm run -s keys -- [--key-id 2027-01]
 *   npm run -s keys -- --repository   # the fingerprints of every key written in the repository,
 *                                      # for libs/platform/src/crypto/repository-keys.ts
 *
 * Who holds which key and how each rotates: docs/adr/0009-keys-per-purpose.md. The master
 * keys of data at rest (ALERTS_MASTER_KEYS, FEEDS_SECRET_KEYS) are 32 random bytes each.
 * Nothing is written to disk: put the output in the deployment's secret store.
 */
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import path from 'node:path';
import { keyFingerprint, keyLiteralsIn } from '@cpx/platform';
import { newLocalKeys, SERVICES, type ServiceName } from '@cpx/stack';

const { values } = parseArgs({
  options: { 'key-id': { type: 'string', default: new Date().toISOString().slice(0, 7) }, repository: { type: 'boolean', default: false } },
});
if (values.repository) {
  const found = new Map(keyLiteralsIn(path.resolve(__dirname, '..')).map((literal) => [keyFingerprint(literal.key), literal.file]));
  process.stdout.write([...found].map(([fingerprint, file]) => `  '${fingerprint}', // ${file}\n`).join(''));
  process.exit(0);
}
const keyId = values['key-id'];
if (!/^[A-Za-z0-9_-]{1,64}$/.test(keyId)) {
  process.stderr.write('A key id is 1 to 64 letters, digits, _ or -.\n');
  process.exit(64);
}
const keys = newLocalKeys(keyId);
const master = () => `${keyId}:${randomBytes(32).toString('base64')}`;
// Besides the keys in transit (keys.env), the master keys of data at rest.
const atRest: Partial<Record<ServiceName, Record<string, string>>> = {
  alerts: { ALERTS_MASTER_KEYS: master(), ALERTS_ACTIVE_KEY_ID: keyId },
  feeds: { FEEDS_SECRET_KEYS: master(), FEEDS_ACTIVE_SECRET_KEY_ID: keyId },
};
// The gateway first, as before, then every service.
const sections = ['gateway' as const, ...SERVICES.filter((name) => name !== 'gateway')].map((service) => [service, { ...keys.env[service], ...atRest[service] }] as const);
for (const [service, env] of sections) {
  process.stdout.write(`# ${service}\n${Object.entries(env).map(([name, value]) => `${name}=${value}`).join('\n')}\n\n`);
}
