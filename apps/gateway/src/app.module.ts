/**
 * The gateway: the only public door of CPX. It authenticates the caller, validates input,
 * and forwards each operation with the caller's principal to the service that owns it.
 * It holds no data and makes no authorisation decision of its own beyond "who is this".
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { TokenVerifier } from './auth/token-verifier';
import { GatewayConfigModule } from './config/gateway-config.module';
import { GatewayConfig } from './config/gateway.config';
import { DirectoryModule } from './directory/directory.module';
import { FeedsModule } from './feeds/feeds.module';
import { GraphqlExceptionFilter } from './graphql/graphql-exception.filter';
import { graphqlOptions } from './graphql/graphql.options';
import { InputValidationPipe } from './graphql/input-validation.pipe';
import { HealthModule } from './health/health.module';
import { LimitsModule } from './limits/limits.module';
import { RateLimits } from './limits/rate-limits';
import { RequestsModule } from './messaging/requests.module';

@Module({})
export class AppModule {
  static with(config: GatewayConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        GatewayConfigModule.with(config),
        RequestsModule,
        AuthModule,
        LimitsModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [AuthModule, LimitsModule],
          inject: [GatewayConfig, TokenVerifier, RateLimits],
          useFactory: graphqlOptions,
        }),
        DirectoryModule,
        AlertsModule,
        FeedsModule,
        HealthModule,
      ],
      providers: [
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: GraphqlExceptionFilter },
      ],
    };
  }
}
