/** The partner a feeds query is about: the one named, else the caller's own (a partner user's `cpx_partner` claim). */
import { DomainError, type Principal } from '@cpx/platform';

export function partnerOf(partnerId: string | null | undefined, principal: Principal): string {
  const id = partnerId ?? principal.partnerId;
  if (!id) throw DomainError.badInput('partnerId', 'partnerId is required unless you are a partner user.');
  return id;
}
