import { Module, type DynamicModule } from '@nestjs/common';
import { PayloadSealer, sealerToGateway, ServicePlatformModule } from '@cpx/platform';
import { FeedsConfig } from './config/feeds.config';
import { CreateFeeds1764370000300 } from './database/migrations/1764370000300-create-feeds';
import { DeliveryControls1764370000400 } from './database/migrations/1764370000400-delivery-controls';
import { SealWebhookSecrets1764370000500 } from './database/migrations/1764370000500-seal-webhook-secrets';
import { WebhookPayloadMode1764370000600 } from './database/migrations/1764370000600-webhook-payload-mode';
import { LeasedDeliveries1764370000700 } from './database/migrations/1764370000700-leased-deliveries';
import { ParkedDeliveries1764370000800 } from './database/migrations/1764370000800-parked-deliveries';
import { SubscriptionChanges1764370000900 } from './database/migrations/1764370000900-subscription-changes';
import { SubscriptionIdempotency1764370001000 } from './database/migrations/1764370001000-subscription-idempotency';
import { ClaimWebhookDeliveriesUseCase } from './delivery/claim-webhook-deliveries.usecase';
import { DeliverWebhookUseCase } from './delivery/deliver-webhook.usecase';
import { DeliveryHandler } from './delivery/delivery.handler';
import { DeliveryWorker } from './delivery/delivery-worker';
import { EnableSubscriptionUseCase } from './delivery/enable-subscription.usecase';
import { ListDeliveryAttemptsUseCase } from './delivery/list-delivery-attempts.usecase';
import { RedeliverFailedWebhooksUseCase } from './delivery/redeliver-failed-webhooks.usecase';
import { ResendWebhookDeliveryUseCase } from './delivery/resend-webhook-delivery.usecase';
import { DeliveredLog } from './delivery/delivered-log';
import { WebhookSender } from './delivery/webhook-sender';
import { DomainEventsHandler } from './feed/domain-events.handler';
import { FeedHandler } from './feed/feed.handler';
import { PruneFeedUseCase } from './feed/prune-feed.usecase';
import { ReadPartnerFeedUseCase } from './feed/read-partner-feed.usecase';
import { RecordFeedEventUseCase } from './feed/record-feed-event.usecase';
import { RetentionWorker } from './feed/retention-worker';
import { HealthHandler } from './health/health.handler';
import { CreateSubscriptionUseCase } from './partners/create-subscription.usecase';
import { DeleteSubscriptionUseCase } from './partners/delete-subscription.usecase';
import { EndpointGuard, HOST_RESOLVER, systemResolver, type HostResolver } from './partners/endpoint-guard';
import { ListSubscriptionsUseCase } from './partners/list-subscriptions.usecase';
import { PartnersHandler } from './partners/partners.handler';
import { RegisterPartnerUseCase } from './partners/register-partner.usecase';
import { ResealSubscriptionSecretsUseCase } from './partners/reseal-subscription-secrets.usecase';
import { RotateSubscriptionSecretUseCase } from './partners/rotate-subscription-secret.usecase';
import { SealStoredSecretsUseCase } from './partners/seal-stored-secrets.usecase';
import { UpdateSubscriptionUseCase } from './partners/update-subscription.usecase';
import { parseSecretKeys, WebhookSecretVault } from './partners/webhook-secret-vault';

/**
 * Partner event feeds: every service's domain events, redacted, in one ordered feed;
 * partners' subscriptions (changed in place, created idempotently, their webhook secrets
 * sealed at rest); signed webhooks delivered from Postgres (paced per endpoint,
 * replayable, parked while the endpoint is disabled, the endpoint's address checked as it
 * is connected to); the pull feed, kept for the retention period.
 */
@Module({})
export class FeedsModule {
  /** `resolver`: how endpoint host names are resolved (tests stub DNS here). */
  static forConfig(config: FeedsConfig, resolver: HostResolver = systemResolver): DynamicModule {
    return {
      module: FeedsModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'feeds',
          config,
          // Plain SQL over the tables of the migration: no entity maps a column by accident.
          entities: [],
          migrations: [
            CreateFeeds1764370000300,
            DeliveryControls1764370000400,
            SealWebhookSecrets1764370000500,
            WebhookPayloadMode1764370000600,
            LeasedDeliveries1764370000700,
            ParkedDeliveries1764370000800,
            SubscriptionChanges1764370000900,
            SubscriptionIdempotency1764370001000,
          ],
        }),
      ],
      controllers: [DomainEventsHandler, PartnersHandler, DeliveryHandler, FeedHandler, HealthHandler],
      providers: [
        { provide: FeedsConfig, useValue: config },
        { provide: HOST_RESOLVER, useValue: resolver },
        // Seals new webhook secrets to the gateway for their way back (FeedsConfig requires its public keys).
        { provide: PayloadSealer, useFactory: () => sealerToGateway(config, 'new webhook secrets go back sealed to the gateway') },
        { provide: WebhookSecretVault, useFactory: () => new WebhookSecretVault(parseSecretKeys(config.FEEDS_SECRET_KEYS), config.FEEDS_ACTIVE_SECRET_KEY_ID) },
        SealStoredSecretsUseCase,
        ResealSubscriptionSecretsUseCase,
        EndpointGuard,
        RecordFeedEventUseCase,
        ReadPartnerFeedUseCase,
        RegisterPartnerUseCase,
        CreateSubscriptionUseCase,
        ListSubscriptionsUseCase,
        UpdateSubscriptionUseCase,
        EnableSubscriptionUseCase,
        RotateSubscriptionSecretUseCase,
        DeleteSubscriptionUseCase,
        ListDeliveryAttemptsUseCase,
        WebhookSender,
        DeliveredLog,
        ClaimWebhookDeliveriesUseCase,
        DeliverWebhookUseCase,
        DeliveryWorker,
        ResendWebhookDeliveryUseCase,
        RedeliverFailedWebhooksUseCase,
        PruneFeedUseCase,
        RetentionWorker,
      ],
    };
  }
}
