import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createLocalJWKSet, generateKeyPair, importJWK, SignJWT, UnsecuredJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { DomainError, ensureLocalIdentity, issueLocalToken, LOCAL_AUDIENCE, LOCAL_ISSUER } from '@cpx/platform';
import { TokenVerifier, VERIFIED_TTL_MS } from './token-verifier';

const claims: JWTPayload = { sub: 'user-1', roles: ['professional'], cpx_country: 'AL' };

async function refusal(verifier: TokenVerifier, token: string): Promise<string> {
  try {
    await verifier.verify(token);
  } catch (error) {
    return error instanceof DomainError ? `${error.code}: ${error.message}` : `not a DomainError: ${String(error)}`;
  }
  return 'accepted';
}

describe('TokenVerifier with the local identity', () => {
  let dir: string;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cpx-identity-'));
    const { jwks } = await ensureLocalIdentity(dir);
    verifier = TokenVerifier.local(jwks, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, maxLifetimeSeconds: 86_400 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps the private key to its owner and creates it only once', async () => {
    expect((await stat(path.join(dir, 'private-key.json'))).mode & 0o777).toBe(0o600);
    const before = await readFile(path.join(dir, 'private-key.json'), 'utf8');
    const again = await Promise.all([ensureLocalIdentity(dir), ensureLocalIdentity(dir)]);
    expect(await readFile(path.join(dir, 'private-key.json'), 'utf8')).toBe(before);
    expect(again[0].jwks.keys[0]).not.toHaveProperty('d');
  });

  it('accepts a valid token and returns its principal and expiry', async () => {
    const authentication = await verifier.verify(await issueLocalToken(dir, claims, '5m'));
    expect(authentication.principal).toEqual({ subject: 'user-1', roles: ['professional'], country: 'AL', agencyId: undefined, partnerId: undefined });
    expect(authentication.expiresAt).toBeGreaterThan(Date.now() + 4 * 60_000);
  });

  it('refuses an expired token', async () => {
    expect(await refusal(verifier, await issueLocalToken(dir, claims, -60))).toBe('UNAUTHENTICATED: The access token has expired.');
  });

  it('refuses a token for another issuer or audience', async () => {
    // Signed with the right key, but for another audience or issuer.
    const wrongAudience = await signedLocally(dir, { aud: 'account' });
    const wrongIssuer = await signedLocally(dir, { iss: 'https://keycloak/realms/other' });
    expect(await refusal(verifier, wrongAudience)).toBe('UNAUTHENTICATED: The access token is not valid.');
    expect(await refusal(verifier, wrongIssuer)).toBe('UNAUTHENTICATED: The access token is not valid.');
  });

  it('refuses a forged signature and a tampered payload', async () => {
    const { privateKey } = await generateKeyPair('ES256');
    const kid = (await ensureLocalIdentity(dir)).jwks.keys[0]!.kid;
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('5m')
      .sign(privateKey);
    expect(await refusal(verifier, forged)).toBe('UNAUTHENTICATED: The access token is not valid.');

    const [header, , signature] = (await issueLocalToken(dir, claims, '5m')).split('.');
    const elevated = Buffer.from(JSON.stringify({ ...claims, roles: ['platform_admin'], iss: LOCAL_ISSUER, aud: LOCAL_AUDIENCE, exp: 9_999_999_999 })).toString('base64url');
    expect(await refusal(verifier, `${header}.${elevated}.${signature}`)).toMatch(/^UNAUTHENTICATED/);
  });

  it('refuses alg "none" and HMAC tokens', async () => {
    const unsecured = new UnsecuredJWT(claims).setIssuer(LOCAL_ISSUER).setAudience(LOCAL_AUDIENCE).setExpirationTime('5m').encode();
    expect(await refusal(verifier, unsecured)).toMatch(/^UNAUTHENTICATED/);

    // The classic confusion attack: HS256 keyed with the (public) JWK's coordinates.
    const publicJwk = (await ensureLocalIdentity(dir)).jwks.keys[0]!;
    const hmacKey = new TextEncoder().encode(JSON.stringify(publicJwk));
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: publicJwk.kid })
      .setIssuer(LOCAL_ISSUER)
      .setAudience(LOCAL_AUDIENCE)
      .setExpirationTime('5m')
      .sign(hmacKey);
    expect(await refusal(verifier, hs256)).toMatch(/^UNAUTHENTICATED/);
  });

  it('refuses a token without an expiry, and garbage', async () => {
    const noExpiry = await signedLocally(dir, { exp: undefined });
    expect(await refusal(verifier, noExpiry)).toMatch(/^UNAUTHENTICATED/);
    expect(await refusal(verifier, 'not-a-token')).toBe('UNAUTHENTICATED: The access token is not valid.');
  });

  it('refuses a token naming an empty subject, or none', async () => {
    expect(await refusal(verifier, await signedLocally(dir, { sub: '' }))).toBe('UNAUTHENTICATED: The access token names no subject.');
    expect(await refusal(verifier, await signedLocally(dir, { sub: '   ' }))).toBe('UNAUTHENTICATED: The access token names no subject.');
    expect(await refusal(verifier, await issueLocalToken(dir, { ...claims, sub: undefined }, '5m'))).toMatch(/^UNAUTHENTICATED/);
  });

  it('refuses a token valid for 100 years, or issued longer ago than a token may live, or without iat', async () => {
    const now = Math.floor(Date.now() / 1000);
    const century = await signedLocally(dir, { exp: now + 100 * 365 * 86_400 });
    expect(await refusal(verifier, century)).toBe('UNAUTHENTICATED: The access token lives longer than 86400 s, the most accepted.');
    const backdated = await signedLocally(dir, { iat: now - 2 * 86_400, exp: now + 300 });
    expect(await refusal(verifier, backdated)).toMatch(/^UNAUTHENTICATED/);
    expect(await refusal(verifier, await signedLocally(dir, { iat: undefined }))).toMatch(/^UNAUTHENTICATED/);
    // A day exactly is the most, and fine.
    expect(await refusal(verifier, await signedLocally(dir, { exp: now + 86_400 }))).toBe('accepted');
  });
});

describe('TokenVerifier with a JWKS URL', () => {
  it('answers SERVICE_UNAVAILABLE, not UNAUTHENTICATED, when the identity provider is unreachable', async () => {
    const verifier = TokenVerifier.remote('http://127.0.0.1:9/certs', { issuer: 'https://kc', audience: 'cpx', maxLifetimeSeconds: 86_400 });
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer('https://kc').setAudience('cpx').setExpirationTime('5m').sign(privateKey);
    expect(await refusal(verifier, token)).toMatch(/^SERVICE_UNAVAILABLE/);
  });
});

/** Re-signs with the local key, overriding registered claims (undefined removes one). */
async function signedLocally(
  dir: string,
  overrides: { iss?: string; aud?: string; exp?: number | undefined; iat?: number | undefined; sub?: string },
): Promise<string> {
  const key = JSON.parse(await readFile(path.join(dir, 'private-key.json'), 'utf8'));
  const now = Math.floor(Date.now() / 1000);
  let jwt = new SignJWT({ ...claims, ...('sub' in overrides ? { sub: overrides.sub } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: key.kid })
    .setIssuer(overrides.iss ?? LOCAL_ISSUER)
    .setAudience(overrides.aud ?? LOCAL_AUDIENCE);
  if (!('exp' in overrides)) jwt = jwt.setExpirationTime(now + 300);
  else if (overrides.exp !== undefined) jwt = jwt.setExpirationTime(overrides.exp);
  if (!('iat' in overrides)) jwt = jwt.setIssuedAt(now);
  else if (overrides.iat !== undefined) jwt = jwt.setIssuedAt(overrides.iat);
  return jwt.sign(await importJWK(key, 'ES256'));
}

describe('TokenVerifier remembering verified tokens', () => {
  let dir: string;
  let keyLookups = 0;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'cpx-identity-'));
    const keys = createLocalJWKSet((await ensureLocalIdentity(dir)).jwks);
    // jose asks for the key once per signature it checks.
    const counting: JWTVerifyGetKey = (...args) => {
      keyLookups += 1;
      return keys(...args);
    };
    verifier = new TokenVerifier(counting, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, maxLifetimeSeconds: 86_400 });
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  afterEach(() => jest.useRealTimers());

  it('checks the signature of a token sent again only once, and hands each caller its own copy', async () => {
    const token = await issueLocalToken(dir, claims, '5m');
    const before = keyLookups;
    const first = await verifier.verify(token);
    (first.principal.roles as string[]).push('platform_admin');
    const second = await verifier.verify(token);
    expect(keyLookups - before).toBe(1);
    expect(second.principal.roles).toEqual(['professional']);
  });

  it('checks it again after a minute, and refuses it once it has expired', async () => {
    const token = await issueLocalToken(dir, claims, '3m');
    const before = keyLookups;
    await verifier.verify(token);
    jest.useFakeTimers({ now: Date.now() + VERIFIED_TTL_MS + 1_000, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    await verifier.verify(token);
    expect(keyLookups - before).toBe(2);
    jest.setSystemTime(Date.now() + 3 * 60_000);
    expect(await refusal(verifier, token)).toBe('UNAUTHENTICATED: The access token has expired.');
  });

  it('never remembers a refusal', async () => {
    const token = await issueLocalToken(dir, claims, '5m');
    const tampered = `${token.slice(0, -4)}AAAA`;
    const before = keyLookups;
    expect(await refusal(verifier, tampered)).toBe('UNAUTHENTICATED: The access token is not valid.');
    expect(await refusal(verifier, tampered)).toBe('UNAUTHENTICATED: The access token is not valid.');
    expect(keyLookups - before).toBe(2);
  });
});
