import { DomainError } from '../errors/domain-error';
import type { Principal } from './principal';
import { PRINCIPAL_HEADER, signPrincipal, verifyPrincipal } from './principal-signature';

const key = 'k'.repeat(40);
const principal: Principal = { subject: 'user-1', roles: ['professional'], country: 'RS', agencyId: 'a-1' };
const payload = Buffer.from([1, 2, 3]);
const operation = 'cpx.directory.v1.GetAgency';

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}

describe('signed principal headers', () => {
  const deadline = Date.now() + 5_000;
  const headers = signPrincipal(principal, { operation, payload, deadline }, key);

  it('round-trips the principal for the same operation and payload', () => {
    expect(verifyPrincipal({ ...headers }, { operation, payload }, key)).toEqual(principal);
  });

  it('rejects a principal spliced onto another payload or operation (the same topic)', () => {
    expect(codeOf(() => verifyPrincipal({ ...headers }, { operation, payload: Buffer.from([9]) }, key))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => verifyPrincipal({ ...headers }, { operation: 'cpx.directory.v1.RegisterAgency', payload }, key))).toBe('UNAUTHENTICATED');
  });

  it('rejects a forged principal, a wrong key, missing headers and an expired deadline', () => {
    const forged = Buffer.from(JSON.stringify({ ...principal, roles: ['platform_admin'] })).toString('base64url');
    expect(codeOf(() => verifyPrincipal({ ...headers, [PRINCIPAL_HEADER]: forged }, { operation, payload }, key))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => verifyPrincipal({ ...headers }, { operation, payload }, 'x'.repeat(40)))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => verifyPrincipal({}, { operation, payload }, key))).toBe('UNAUTHENTICATED');
    expect(codeOf(() => verifyPrincipal({ ...headers }, { operation, payload }, key, deadline + 1))).toBe('UNAUTHENTICATED');
  });
});
