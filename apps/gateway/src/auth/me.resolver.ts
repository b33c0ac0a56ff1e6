/** `me`: the caller as the gateway authenticated them; asks no service. */
import { Query, Resolver } from '@nestjs/graphql';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from './current-principal.decorator';
import { ViewerObject, type RoleName } from './viewer.type';

@Resolver(() => ViewerObject)
export class MeResolver {
  @Query(() => ViewerObject)
  me(@CurrentPrincipal() principal: Principal): ViewerObject {
    return {
      subject: principal.subject,
      roles: principal.roles.map((role) => role.toUpperCase() as RoleName),
      country: principal.country ?? null,
      agencyId: principal.agencyId ?? null,
      partnerId: principal.partnerId ?? null,
    };
  }
}
