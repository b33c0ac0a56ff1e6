import { Module, type DynamicModule } from '@nestjs/common';
import { ServicePlatformModule } from '@cpx/platform';
import { FeedsConfig } from './config/feeds.config';
import { CreateFeeds1764370000300 } from './database/migrations/1764370000300-create-feeds';
import { DeliverWebhookUseCase } from './delivery/deliver-webhook.usecase';
import { DeliveryWorker } from './delivery/delivery-worker';
import { ListDeliveryAttemptsUseCase } from './delivery/list-delivery-attempts.usecase';
import { WebhookSender } from './delivery/webhook-sender';
import { DomainEventsHandler } from './feed/domain-events.handler';
import { ReadPartnerFeedUseCase } from './feed/read-partner-feed.usecase';
import { RecordFeedEventUseCase } from './feed/record-feed-event.usecase';
import { HealthHandler } from './health/health.handler';
import { CreateSubscriptionUseCase } from './partners/create-subscription.usecase';
import { DeleteSubscriptionUseCase } from './partners/delete-subscription.usecase';
import { FeedsHandler } from './partners/feeds.handler';
import { ListSubscriptionsUseCase } from './partners/list-subscriptions.usecase';
import { RegisterPartnerUseCase } from './partners/register-partner.usecase';
import { RotateSubscriptionSecretUseCase } from './partners/rotate-subscription-secret.usecase';

/**
 * Partner event feeds: every service's domain events, redacted, in one ordered feed;
 * partners' subscriptions; signed webhooks delivered from Postgres; the pull feed.
 */
@Module({})
export class FeedsModule {
  static forConfig(config: FeedsConfig): DynamicModule {
    return {
      module: FeedsModule,
      imports: [
        ServicePlatformModule.forService({
          service: 'feeds',
          config,
          // Plain SQL over the tables of the migration: no entity maps a column by accident.
          entities: [],
          migrations: [CreateFeeds1764370000300],
        }),
      ],
      controllers: [DomainEventsHandler, FeedsHandler, HealthHandler],
      providers: [
        { provide: FeedsConfig, useValue: config },
        RecordFeedEventUseCase,
        ReadPartnerFeedUseCase,
        RegisterPartnerUseCase,
        CreateSubscriptionUseCase,
        ListSubscriptionsUseCase,
        RotateSubscriptionSecretUseCase,
        DeleteSubscriptionUseCase,
        ListDeliveryAttemptsUseCase,
        WebhookSender,
        DeliverWebhookUseCase,
        DeliveryWorker,
      ],
    };
  }
}
