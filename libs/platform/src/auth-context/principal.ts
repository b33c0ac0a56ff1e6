/**
 * Who is asking. The gateway builds a Principal from a verified OIDC access token; it
 * travels to services in signed Kafka headers, and every service decides for itself
 * what this principal may see and do.
 */
export const ROLES = [
  'professional',
  'agency_admin',
  'curator',
  'partner',
  'platform_admin',
  'auditor',
] as const;

export type Role = (typeof ROLES)[number];

export interface Principal {
  /** The OIDC subject (`sub`): stable id of the user at the identity provider. */
  readonly subject: string;
  readonly roles: readonly Role[];
  /** ISO 3166-1 alpha-2 code of the user's country, when the user belongs to one. */
  readonly country?: string;
  /** Directory id of the user's agency, when the user belongs to one. */
  readonly agencyId?: string;
  /** Partner organisation id, for partner users. */
  readonly partnerId?: string;
}

export function hasRole(principal: Principal, ...roles: Role[]): boolean {
  return principal.roles.some((role) => roles.includes(role));
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
