import { DomainError } from '../errors/domain-error';
import { newKeyPair } from '../crypto/key-pairs';
import type { Principal } from './principal';
import {
  CORRELATION_ID_HEADER,
  DEADLINE_HEADER,
  MAX_DEADLINE_AHEAD_MS,
  PRINCIPAL_HEADER,
  PRINCIPAL_SIGNATURE_HEADER,
  PrincipalSigner,
  PrincipalVerifier,
  REPLY_PARTITION_HEADER,
  REPLY_TOPIC_HEADER,
  type RequestBinding,
} from './principal-signature';

const principal: Principal = { subject: 'user-1', roles: ['professional'], country: 'RS', agencyId: 'a-1' };
const payload = Buffer.from([1, 2, 3]);
const operation = 'cpx.directory.v1.GetAgency';

const gatewayKey = newKeyPair('ed25519');
const signer = new PrincipalSigner(new Map([['g-1', gatewayKey.privateKey]]), 'g-1');
const verifier = new PrincipalVerifier(new Map([['g-1', gatewayKey.publicKey]]));

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

/** A request's headers as they arrive: the signed principal and Nest's reply routing. */
function signedRequest(by: PrincipalSigner = signer, binding: Partial<RequestBinding> = {}): Record<string, string> {
  const full: RequestBinding = {
    operation,
    payload,
    deadline: Date.now() + 5_000,
    correlationId: 'c0ffee00-0000-4000-8000-000000000001',
    replyTopic: 'cpx.gateway.v1.replies',
    replyPartition: '0',
    ...binding,
  };
  return {
    ...by.sign(principal, full),
    [CORRELATION_ID_HEADER]: full.correlationId,
    [REPLY_TOPIC_HEADER]: full.replyTopic,
    [REPLY_PARTITION_HEADER]: full.replyPartition,
  };
}

describe('signed principal headers (Ed25519, by the gateway)', () => {
  it('verify for the same operation, payload and routing, and give the principal and deadline', () => {
    const headers = signedRequest();
    expect(verifier.verify(headers, { operation, payload })).toEqual({ principal, deadline: Number(headers[DEADLINE_HEADER]) });
  });

  it.each([
    ['the operation', (headers: Record<string, string>) => ({ headers, binding: { operation: 'cpx.directory.v1.RegisterAgency', payload } })],
    ['the payload', (headers: Record<string, string>) => ({ headers, binding: { operation, payload: Buffer.from([9]) } })],
    ['the deadline', (headers: Record<string, string>) => ({ headers: { ...headers, [DEADLINE_HEADER]: String(Number(headers[DEADLINE_HEADER]) + 1) }, binding: { operation, payload } })],
    ['the reply topic', (headers: Record<string, string>) => ({ headers: { ...headers, [REPLY_TOPIC_HEADER]: 'cpx.tools.v1.replies' }, binding: { operation, payload } })],
    ['the reply partition', (headers: Record<string, string>) => ({ headers: { ...headers, [REPLY_PARTITION_HEADER]: '1' }, binding: { operation, payload } })],
    ['the correlation id', (headers: Record<string, string>) => ({ headers: { ...headers, [CORRELATION_ID_HEADER]: 'c0ffee00-0000-4000-8000-000000000002' }, binding: { operation, payload } })],
    ['the principal', (headers: Record<string, string>) => ({
      headers: { ...headers, [PRINCIPAL_HEADER]: Buffer.from(JSON.stringify({ ...principal, roles: ['platform_admin'] })).toString('base64url') },
      binding: { operation, payload },
    })],
    ['the key id', (headers: Record<string, string>) => ({ headers: { ...headers, [PRINCIPAL_SIGNATURE_HEADER]: headers[PRINCIPAL_SIGNATURE_HEADER]!.replace(/^g-1\./, 'g-2.') }, binding: { operation, payload } })],
  ])('refuse a request whose %s changed', (_field, change) => {
    const { headers, binding } = change(signedRequest());
    const twoKeys = new PrincipalVerifier(new Map([['g-1', gatewayKey.publicKey], ['g-2', gatewayKey.publicKey]]));
    expect(codeOf(() => twoKeys.verify(headers, binding))).toBe('UNAUTHENTICATED');
  });

  it('refuse missing headers, a request without reply routing, an expired deadline and one too far ahead', () => {
    const headers = signedRequest();
    expect(codeOf(() => verifier.verify({}, { operation, payload }))).toBe('UNAUTHENTICATED');
    for (const routing of [CORRELATION_ID_HEADER, REPLY_TOPIC_HEADER, REPLY_PARTITION_HEADER]) {
      const { [routing]: _dropped, ...without } = headers;
      expect(codeOf(() => verifier.verify(without, { operation, payload }))).toBe('UNAUTHENTICATED');
    }
    expect(codeOf(() => verifier.verify(headers, { operation, payload }, Number(headers[DEADLINE_HEADER]) + 1))).toBe('UNAUTHENTICATED');
    const farAhead = signedRequest(signer, { deadline: Date.now() + MAX_DEADLINE_AHEAD_MS + 60_000 });
    expect(codeOf(() => verifier.verify(farAhead, { operation, payload }))).toBe('UNAUTHENTICATED');
  });

  it('refuse a principal signed by any key but the gateway\'s: a service\'s own key, or the gateway\'s public key used as a seed', () => {
    const serviceKey = newKeyPair('ed25519');
    // A service that signs with a key of its own, even under the gateway's key id.
    const asService = new PrincipalSigner(new Map([['g-1', serviceKey.privateKey]]), 'g-1');
    expect(codeOf(() => verifier.verify(signedRequest(asService), { operation, payload }))).toBe('UNAUTHENTICATED');
    // What a service holds of the gateway's key is the public half, which cannot sign.
    const fromPublic = new PrincipalSigner(new Map([['g-1', gatewayKey.publicKey]]), 'g-1');
    expect(codeOf(() => verifier.verify(signedRequest(fromPublic), { operation, payload }))).toBe('UNAUTHENTICATED');
    const unknownId = new PrincipalSigner(new Map([['s-1', serviceKey.privateKey]]), 's-1');
    expect(codeOf(() => verifier.verify(signedRequest(unknownId), { operation, payload }))).toBe('UNAUTHENTICATED');
  });

  it('rotate: services listing the old and new keys verify both; once the old is dropped, only the new', () => {
    const next = newKeyPair('ed25519');
    const rotated = new PrincipalSigner(new Map([['g-1', gatewayKey.privateKey], ['g-2', next.privateKey]]), 'g-2');
    const both = new PrincipalVerifier(new Map([['g-1', gatewayKey.publicKey], ['g-2', next.publicKey]]));
    const newOnly = new PrincipalVerifier(new Map([['g-2', next.publicKey]]));
    expect(rotated.sign(principal, { operation, payload, deadline: Date.now() + 5_000, correlationId: 'x', replyTopic: 't', replyPartition: '0' })[PRINCIPAL_SIGNATURE_HEADER]).toMatch(/^g-2\./);
    expect(both.verify(signedRequest(), { operation, payload }).principal).toEqual(principal);
    expect(both.verify(signedRequest(rotated), { operation, payload }).principal).toEqual(principal);
    expect(newOnly.verify(signedRequest(rotated), { operation, payload }).principal).toEqual(principal);
    expect(codeOf(() => newOnly.verify(signedRequest(), { operation, payload }))).toBe('UNAUTHENTICATED');
  });

  it('refuse to sign with an active key id that is not listed', () => {
    expect(() => new PrincipalSigner(new Map([['g-1', gatewayKey.privateKey]]), 'g-9')).toThrow(/g-9/);
  });
});
