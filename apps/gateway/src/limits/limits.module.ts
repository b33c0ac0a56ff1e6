/** The gateway's rate limits, one instance shared by HTTP (request-admission) and graphql-ws. */
import { Global, Module } from '@nestjs/common';
import { GatewayConfig } from '../config/gateway.config';
import { RateLimits } from './rate-limits';

export function rateLimitsFrom(config: GatewayConfig): RateLimits {
  return new RateLimits({
    user: { perSecond: config.RATE_LIMIT_USER_PER_SECOND, burst: config.RATE_LIMIT_USER_BURST },
    address: { perSecond: config.RATE_LIMIT_ADDRESS_PER_SECOND, burst: config.RATE_LIMIT_ADDRESS_BURST },
  });
}

@Global()
@Module({
  providers: [{ provide: RateLimits, inject: [GatewayConfig], useFactory: rateLimitsFrom }],
  exports: [RateLimits],
})
export class LimitsModule {}
