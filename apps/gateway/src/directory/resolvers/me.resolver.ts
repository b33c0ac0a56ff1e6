/**
 * `me`: the caller as the token says, and, for professionals and agency admins, as the
 * directory knows them. The directory is asked because only it knows a suspension: a
 * suspended professional's token is still valid, and `me` refuses it (FORBIDDEN) like
 * every other operation. Roles that have no directory record are answered from the token.
 */
import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { DirectoryRequests } from '@cpx/contracts';
import { hasRole, RequestClient, type Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { toProfessional } from '../mappers/professional.mapper';
import type { ProfessionalObject } from '../types/professional.type';
import { ViewerObject, type RoleName } from '../types/viewer.type';

@Resolver(() => ViewerObject)
export class MeResolver {
  constructor(@Inject(RequestClient) private readonly requests: RequestClient) {}

  @Query(() => ViewerObject)
  async me(@CurrentPrincipal() principal: Principal): Promise<ViewerObject> {
    let professional: ProfessionalObject | null = null;
    if (hasRole(principal, 'professional', 'agency_admin')) {
      const own = await this.requests.send(DirectoryRequests.getCaller, {}, principal);
      professional = own.professional ? toProfessional(own.professional) : null;
    }
    return {
      subject: principal.subject,
      roles: principal.roles.map((role) => role.toUpperCase() as RoleName),
      country: principal.country ?? null,
      agencyId: principal.agencyId ?? null,
      partnerId: principal.partnerId ?? null,
      professional,
    };
  }
}
