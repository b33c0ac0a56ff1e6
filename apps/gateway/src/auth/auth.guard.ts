/**
 * The one guard, applied globally to every resolver and controller: no access token, an
 * invalid one or an expired one is UNAUTHENTICATED. Only a handler marked
 * `@PublicEndpoint()` is let through. Authorisation (may this principal do this?) is
 * the services' job: the gateway only proves who is asking.
 */
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext, type GqlContextType } from '@nestjs/graphql';
import { DomainError, type Principal } from '@cpx/platform';
import type { GatewayContext } from '../graphql/gateway-context';
import { bearerToken } from './bearer-token';
import { PUBLIC_ENDPOINT } from './public-endpoint.decorator';
import { TokenVerifier, type Authentication } from './token-verifier';

/** Where one operation's (or one HTTP request's) authentication is kept once verified. */
export interface AuthenticationHolder {
  req: { headers: Record<string, string | string[] | undefined> };
  authentication?: Promise<Authentication>;
  principal?: Principal;
}

@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ENDPOINT, [context.getHandler(), context.getClass()])) {
      return true;
    }
    const holder = authenticationHolder(context);
    holder.authentication ??= this.authenticate(holder.req.headers['authorization']);
    const { principal, expiresAt } = await holder.authentication;
    // A graphql-ws connection outlives its token; it is not trusted past the token's expiry.
    if (expiresAt <= Date.now()) throw DomainError.unauthenticated('The access token has expired.');
    holder.principal = principal;
    return true;
  }

  private async authenticate(authorization: unknown): Promise<Authentication> {
    const token = bearerToken(authorization);
    if (!token) throw DomainError.unauthenticated('An access token is required: send `Authorization: Bearer <token>`.');
    return this.verifier.verify(token);
  }
}

export function authenticationHolder(context: ExecutionContext): AuthenticationHolder {
  if (context.getType<GqlContextType>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<GatewayContext>();
  }
  const req = context.switchToHttp().getRequest<AuthenticationHolder['req']>();
  let holder = httpHolders.get(req);
  if (!holder) {
    holder = { req };
    httpHolders.set(req, holder);
  }
  return holder;
}

/** Plain HTTP handlers have no GraphQL context: their authentication hangs off the request. */
const httpHolders = new WeakMap<object, AuthenticationHolder>();
