/**
 * The alerts' part of the public schema: resolvers that forward to the alerts service,
 * and the live `alertChanged` subscription fed by this gateway's own consumer of the
 * alerts events.
 */
import { Module } from '@nestjs/common';
import { parseKeyList, PayloadOpener, PayloadSealer } from '@cpx/platform';
import { GatewayConfig } from '../config/gateway.config';
import { AlertChanges } from './live/alert-changes';
import { liveConsumerFactory } from '../messaging/live-consumer';
import { ALERTS_LIVE_CONSUMER, AlertEventsConsumer, LIVE_CONSUMER_FACTORY } from './live/alert-events.consumer';
import { AlertChangesResolver } from './resolvers/alert-changes.resolver';
import { AlertFiguresResolver } from './resolvers/alert-figures.resolver';
import { AlertIdentityResolver } from './resolvers/alert-identity.resolver';
import { AlertLifecycleResolver } from './resolvers/alert-lifecycle.resolver';
import { AlertResolver } from './resolvers/alert.resolver';
import { AuditIntegrityResolver } from './resolvers/audit-integrity.resolver';

@Module({
  providers: [
    AlertResolver,
    AlertLifecycleResolver,
    AlertIdentityResolver,
    AlertFiguresResolver,
    AuditIntegrityResolver,
    AlertChangesResolver,
    AlertChanges,
    { provide: LIVE_CONSUMER_FACTORY, inject: [GatewayConfig], useFactory: (config: GatewayConfig) => liveConsumerFactory(ALERTS_LIVE_CONSUMER, config.kafkaBrokers, config.kafkaSecurity) },
    AlertEventsConsumer,
    {
      // A child's record on its way in is sealed to the alerts service: the gateway holds its public keys only.
      provide: PayloadSealer,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) =>
        PayloadSealer.create(parseKeyList(config.GATEWAY_ALERTS_SEALING_KEYS, 'GATEWAY_ALERTS_SEALING_KEYS'), config.GATEWAY_ALERTS_SEALING_KEY_ID, 'GATEWAY_ALERTS_SEALING_KEYS'),
    },
    {
      // A revealed record comes back sealed to the gateway.
      provide: PayloadOpener,
      inject: [GatewayConfig],
      useFactory: (config: GatewayConfig) => PayloadOpener.create(parseKeyList(config.GATEWAY_OPENING_KEYS, 'GATEWAY_OPENING_KEYS'), 'GATEWAY_OPENING_KEYS'),
    },
  ],
})
export class AlertsModule {}
