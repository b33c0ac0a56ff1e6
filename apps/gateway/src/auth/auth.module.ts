/**
 * Authentication for the whole gateway: the token verifier (Keycloak's JWKS in
 * production, the local identity in local and test mode) and the global guard.
 */
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ensureLocalIdentity, LOCAL_AUDIENCE, LOCAL_ISSUER } from '@cpx/platform';
import { GatewayConfig } from '../config/gateway.config';
import { AuthGuard } from './auth.guard';
import { TokenVerifier } from './token-verifier';

export async function createTokenVerifier(config: GatewayConfig): Promise<TokenVerifier> {
  if (!config.usesLocalIdentity) {
    // Validated at boot: OIDC_JWKS_URL is set in production, and with it the issuer and audience.
    return TokenVerifier.remote(config.OIDC_JWKS_URL!, {
      issuer: config.OIDC_ISSUER!,
      audience: config.OIDC_AUDIENCE!,
      maxLifetimeSeconds: config.TOKEN_MAX_LIFETIME_SECONDS,
    });
  }
  const { jwks } = await ensureLocalIdentity(config.CPX_LOCAL_IDENTITY_DIR);
  return TokenVerifier.local(jwks, { issuer: LOCAL_ISSUER, audience: LOCAL_AUDIENCE, maxLifetimeSeconds: config.TOKEN_MAX_LIFETIME_SECONDS });
}

@Module({
  providers: [
    { provide: TokenVerifier, inject: [GatewayConfig], useFactory: createTokenVerifier },
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenVerifier],
})
export class AuthModule {}
