/**
 * The local stand-in for the OpenID Connect provider, for development and tests only.
 *
 * Production verifies Keycloak's tokens against its JWKS URL. Locally there is no
 * Keycloak, so a directory (default `.cpx/local-identity`) holds one ES256 key pair: the
 * gateway verifies against `jwks.json`, and `npm run token -- <username>` signs tokens
 * for the users the demo seeder wrote to `users.json`. The tokens have the same shape as
 * Keycloak's, so the gateway runs the same verification code path in every mode.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK, type JWTPayload } from 'jose';

export const LOCAL_ISSUER = 'cpx-local';
export const LOCAL_AUDIENCE = 'cpx';
export const LOCAL_ALGORITHM = 'ES256';

const PRIVATE_KEY_FILE = 'private-key.json';
const JWKS_FILE = 'jwks.json';
const USERS_FILE = 'users.json';

/** One seeded user, as the demo seeder writes it to `<dir>/users.json`. */
export interface LocalUser {
  sub: string;
  roles: string[];
  country?: string;
  agency?: string;
  partner?: string;
  name: string;
}

export interface LocalIdentity {
  /** The public key set the gateway verifies local tokens against. */
  jwks: JSONWebKeySet;
}

/**
 * Creates the key pair once and returns the public key set. Safe to call from several
 * processes at once (a gateway and `npm run token` starting together): the private key
 * is published with an atomic link, so exactly one key wins and everyone reads it.
 */
export async function ensureLocalIdentity(dir: string): Promise<LocalIdentity> {
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const privateJwk = (await readPrivateKey(dir)) ?? (await createPrivateKey(dir));
  const jwks: JSONWebKeySet = { keys: [publicPart(privateJwk)] };
  const jwksPath = path.join(dir, JWKS_FILE);
  const wanted = JSON.stringify(jwks, null, 2) + '\n';
  if ((await readText(jwksPath)) !== wanted) await writeAtomically(jwksPath, wanted, 0o644);
  return { jwks };
}

/**
 * Signs an access token with the local key. `ttl` is a jose duration ("8h", "15m") or
 * a number of seconds. `iss` and `aud` are always the local identity's.
 */
export async function issueLocalToken(dir: string, claims: JWTPayload, ttl: string | number = '8h'): Promise<string> {
  await ensureLocalIdentity(dir);
  const privateJwk = await readPrivateKey(dir);
  if (!privateJwk) throw new Error(`The local identity in ${dir} has no private key.`);
  const key = await importJWK(privateJwk, LOCAL_ALGORITHM);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: LOCAL_ALGORITHM, kid: privateJwk.kid, typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setAudience(LOCAL_AUDIENCE)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setJti(randomBytes(12).toString('base64url'))
    // A number is absolute for jose; ours means "seconds from now".
    .setExpirationTime(typeof ttl === 'number' ? now + ttl : ttl)
    .sign(key);
}

/** The seeded users, by username; an empty map when the seeder has not run. */
export async function readLocalUsers(dir: string): Promise<Record<string, LocalUser>> {
  const text = await readText(path.join(dir, USERS_FILE));
  if (text === undefined) return {};
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path.join(dir, USERS_FILE)} must be an object of users by username.`);
  }
  return parsed as Record<string, LocalUser>;
}

/** The claims Keycloak would put in a token for this user (see the gateway's claim mapping). */
export function localUserClaims(user: LocalUser): JWTPayload {
  return {
    sub: user.sub,
    name: user.name,
    roles: user.roles,
    ...(user.country ? { cpx_country: user.country } : {}),
    ...(user.agency ? { cpx_agency: user.agency } : {}),
    ...(user.partner ? { cpx_partner: user.partner } : {}),
  };
}

async function createPrivateKey(dir: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(LOCAL_ALGORITHM, { extractable: true });
  const jwk = await exportJWK(privateKey);
  const publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
  const complete: JWK = { ...jwk, kid: await calculateJwkThumbprint(publicJwk), alg: LOCAL_ALGORITHM, use: 'sig' };
  const target = path.join(dir, PRIVATE_KEY_FILE);
  const temporary = `${target}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, JSON.stringify(complete, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
  try {
    // link() fails if the key exists: another process won the race, and its key is the key.
    await fs.link(temporary, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.rm(temporary, { force: true });
  }
  const winner = await readPrivateKey(dir);
  if (!winner) throw new Error(`Could not create the local identity key in ${dir}.`);
  return winner;
}

async function readPrivateKey(dir: string): Promise<JWK | undefined> {
  const text = await readText(path.join(dir, PRIVATE_KEY_FILE));
  return text === undefined ? undefined : (JSON.parse(text) as JWK);
}

function publicPart(jwk: JWK): JWK {
  return { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y, kid: jwk.kid, alg: LOCAL_ALGORITHM, use: 'sig' };
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function writeAtomically(file: string, text: string, mode: number): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await fs.writeFile(temporary, text, { mode });
  await fs.rename(temporary, file);
}
