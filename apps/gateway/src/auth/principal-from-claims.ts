/**
 * How an OIDC access token's claims become a Principal. Keycloak puts realm roles in
 * `realm_access.roles`; other providers use a top-level `roles`. Both are read, and only
 * roles CPX knows survive, so a provider-side role such as `offline_access` or a typo
 * never grants anything.
 */
import type { JWTPayload } from 'jose';
import { isRole, type Principal, type Role } from '@cpx/platform';

export function principalFromClaims(claims: JWTPayload): Principal {
  const roles = new Set<Role>([...rolesIn(realmRoles(claims)), ...rolesIn(claims['roles'])]);
  return {
    subject: claims.sub ?? '',
    roles: [...roles].sort(),
    country: text(claims['cpx_country']),
    agencyId: text(claims['cpx_agency']),
    partnerId: text(claims['cpx_partner']),
  };
}

function realmRoles(claims: JWTPayload): unknown {
  const realmAccess = claims['realm_access'];
  return typeof realmAccess === 'object' && realmAccess !== null ? (realmAccess as Record<string, unknown>)['roles'] : undefined;
}

function rolesIn(value: unknown): Role[] {
  return Array.isArray(value) ? value.filter(isRole) : [];
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
