/**
 * Prints an access token for a user the demo seeder created, signed by the local identity
 * (dev and tests only; production tokens come from Keycloak).
 *
 *   npm run token -- <username> [--ttl 8h]
 *
 * The token goes to stdout alone, so `TOKEN=$(npm run -s token -- amira)` works; the
 * directory is CPX_LOCAL_IDENTITY_DIR, default `.cpx/local-identity`, as for the gateway.
 * The gateway accepts tokens living at most TOKEN_MAX_LIFETIME_SECONDS (24 h by default).
 */
import { parseArgs } from 'node:util';
import { issueLocalToken, localUserClaims, readLocalUsers } from '@cpx/platform';

const DEFAULT_DIR = '.cpx/local-identity';
const TTL = /^\d+\s*(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours|d|day|days)$/;

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { ttl: { type: 'string', default: '8h' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  const dir = process.env['CPX_LOCAL_IDENTITY_DIR'] || DEFAULT_DIR;
  const users = await readLocalUsers(dir);
  const known = Object.keys(users).sort();
  const username = positionals[0];

  if (values.help || !username || positionals.length > 1) {
    process.stderr.write(`Usage: npm run token -- <username> [--ttl 8h]\n${describe(known, dir)}`);
    return values.help ? 0 : 64; // EX_USAGE
  }
  if (!TTL.test(values.ttl)) {
    process.stderr.write(`--ttl must be a duration such as 30m, 8h or 1d, at most 24 h for the gateway by default (got "${values.ttl}").\n`);
    return 64;
  }
  const user = Object.hasOwn(users, username) ? users[username] : undefined;
  if (!user) {
    process.stderr.write(`Unknown user "${username}".\n${describe(known, dir)}`);
    return 67; // EX_NOUSER
  }
  process.stdout.write(`${await issueLocalToken(dir, localUserClaims(user), values.ttl)}\n`);
  return 0;
}

function describe(known: string[], dir: string): string {
  return known.length > 0
    ? `Known users: ${known.join(', ')}\n`
    : `No users in ${dir}/users.json yet: seed the demo data first.\n`;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`token: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
