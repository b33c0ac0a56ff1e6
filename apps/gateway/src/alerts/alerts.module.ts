/**
 * The alerts' part of the public schema: resolvers that forward to the alerts service,
 * and the live `alertChanged` subscription fed by this gateway's own consumer of the
 * alerts events.
 */
import { Module } from '@nestjs/common';
import { SealedPayloads } from '@cpx/platform';
import { GatewayConfig } from '../config/gateway.config';
import { AlertsClient } from './alerts.client';
import { AlertChanges } from './live/alert-changes';
import { AlertEventsConsumer, LIVE_CONSUMER_FACTORY, liveConsumerFactory } from './live/alert-events.consumer';
import { AlertChangesResolver } from './resolvers/alert-changes.resolver';
import { AlertFiguresResolver } from './resolvers/alert-figures.resolver';
import { AlertIdentityResolver } from './resolvers/alert-identity.resolver';
import { AlertLifecycleResolver } from './resolvers/alert-lifecycle.resolver';
import { AlertResolver } from './resolvers/alert.resolver';

@Module({
  providers: [
    AlertsClient,
    AlertResolver,
    AlertLifecycleResolver,
    AlertIdentityResolver,
    AlertFiguresResolver,
    AlertChangesResolver,
    AlertChanges,
    { provide: LIVE_CONSUMER_FACTORY, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => liveConsumerFactory(config.kafkaBrokers, config.kafkaSecurity) },
    AlertEventsConsumer,
    {
      provide: SealedPayloads,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => {
        if (!config.CPX_PAYLOAD_KEY) throw new Error('CPX_PAYLOAD_KEY is required: it seals children\'s records on their way to the alerts service.');
        return new SealedPayloads(config.CPX_PAYLOAD_KEY);
      },
    },
  ],
})
export class AlertsModule {}
