/** Makes the validated configuration injectable everywhere as `GatewayConfig`. */
import { Global, Module, type DynamicModule } from '@nestjs/common';
import { GatewayConfig } from './gateway.config';

@Global()
@Module({})
export class GatewayConfigModule {
  static with(config: GatewayConfig): DynamicModule {
    return { module: GatewayConfigModule, providers: [{ provide: GatewayConfig, useValue: config }], exports: [GatewayConfig] };
  }
}
