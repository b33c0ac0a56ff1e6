/** The caller, as the auth guard established it. Resolvers forward it with every request to a service. */
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { authenticationHolder } from './auth.guard';

export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = authenticationHolder(context).principal;
  // Only reachable from a handler the guard skipped: a programming error, refused all the same.
  if (!principal) throw DomainError.unauthenticated();
  return principal;
});
