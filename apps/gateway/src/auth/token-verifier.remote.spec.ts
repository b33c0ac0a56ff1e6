/**
 * The production path: tokens shaped like Keycloak's, verified against keys fetched from a
 * JWKS URL served over real HTTP on 127.0.0.1 (a stand-in for the realm's certs endpoint).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { DomainError } from '@cpx/platform';
import { TokenVerifier } from './token-verifier';

const ISSUER = 'https://keycloak.example.org/realms/cpx';
const AUDIENCE = 'cpx-gateway';

let server: Server;
let jwksUrl: string;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];
let publicJwk: JWK;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'realm-key-1', alg: 'RS256', use: 'sig' };
  server = createServer((request, response) => {
    if (request.url === '/protocol/openid-connect/certs') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/protocol/openid-connect/certs`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function keycloakToken(claims: Record<string, unknown> = {}, issuer = ISSUER) {
  return new SignJWT({
    realm_access: { roles: ['professional', 'offline_access', 'uma_authorization'] },
    cpx_country: 'HR',
    cpx_agency: '2b1e8d4c-0000-4000-8000-000000000001',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'realm-key-1', typ: 'JWT' })
    .setSubject('f3a1c2d4-keycloak-user')
    .setIssuer(issuer)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(privateKey);
}

describe('tokens verified against a JWKS URL', () => {
  it('accepts a Keycloak-shaped token and maps realm roles, country and agency', async () => {
    const verifier = TokenVerifier.remote(jwksUrl, { issuer: ISSUER, audience: AUDIENCE, maxLifetimeSeconds: 86_400 });
    const { principal } = await verifier.verify(await keycloakToken());
    expect(principal).toMatchObject({
      subject: 'f3a1c2d4-keycloak-user',
      roles: ['professional'],
      country: 'HR',
      agencyId: '2b1e8d4c-0000-4000-8000-000000000001',
    });
  });

  it('refuses a token from another issuer with UNAUTHENTICATED', async () => {
    const verifier = TokenVerifier.remote(jwksUrl, { issuer: ISSUER, audience: AUDIENCE, maxLifetimeSeconds: 86_400 });
    await expect(verifier.verify(await keycloakToken({}, 'https://evil.example.org/realms/cpx'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers SERVICE_UNAVAILABLE, not UNAUTHENTICATED, when the identity provider is down', async () => {
    const verifier = TokenVerifier.remote('http://127.0.0.1:9/certs', { issuer: ISSUER, audience: AUDIENCE, maxLifetimeSeconds: 86_400 });
    const refusal = await verifier.verify(await keycloakToken()).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });
});
