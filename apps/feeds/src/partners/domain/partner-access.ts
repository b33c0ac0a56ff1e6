/**
 * Who may manage a partner's feeds: platform admins, and the partner's own users (role
 * `partner` whose principal names that partner). Everybody else is FORBIDDEN, whatever
 * else their roles allow.
 */
import { DomainError, hasRole, type Principal } from '@cpx/platform';

export function mayRegisterPartners(principal: Principal): boolean {
  return hasRole(principal, 'platform_admin');
}

export function mayManagePartner(principal: Principal, partnerId: string): boolean {
  if (hasRole(principal, 'platform_admin')) return true;
  return hasRole(principal, 'partner') && !!principal.partnerId && principal.partnerId === partnerId;
}

export function requirePartnerManager(principal: Principal, partnerId: string): void {
  if (!mayManagePartner(principal, partnerId)) throw DomainError.forbidden('You may not manage this partner\'s feeds.');
}
