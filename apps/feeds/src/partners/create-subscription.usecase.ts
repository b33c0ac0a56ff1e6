/**
 * A partner's admin (or a platform admin) subscribes the partner to event types and
 * countries, optionally with a webhook endpoint and its payload mode (THIN unless FULL is
 * asked for: webhook-payload.ts). The secret is returned once, here, and stored only
 * sealed (webhook-secret-vault.ts).
 * A partner limited to some countries gets only those: the subscription's countries must
 * be among them, and none means all of the partner's. The endpoint's host must resolve
 * only to public addresses unless private endpoints are allowed (endpoint-guard.ts).
 *
 * With an idempotency key (per partner), a retry creates nothing: when the gateway gave
 * up waiting for the reply, the subscription exists but its secret never reached the
 * partner, and a second subscription would double every webhook. The same key with the
 * same request (create-request-digest.ts) answers with the subscription the key created,
 * as it is now, and a new secret, since the first cannot be shown twice: the first keeps
 * signing beside it for the overlap, as after a rotation (secret-rotation.ts), in case it
 * did arrive. As a rotation, that is refused during an overlap (CONFLICT, saying until
 * when). The same key with another request, or once its subscription is deleted:
 * CONFLICT.
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { FeedsConfig } from '../config/feeds.config';
import type { WebhookPayloadMode } from './domain/payload-mode';
import type { CreateSubscriptionCommand } from './create-subscription.command';
import { createRequestDigest } from './domain/create-request-digest';
import { requireCountriesOfPartner } from './domain/subscription-rules';
import { newWebhookSecret } from './domain/webhook-secret';
import { EndpointGuard } from './endpoint-guard';
import { requirePartnerManager } from './domain/partner-access';
import { issueNewSecret, previousSecretSignsUntil } from './secret-rotation';
import { sealedParameters } from './subscription-secrets';
import { requirePartner } from './partner.store';
import { findSubscription, insertSubscription, lockSubscriptionOfIdempotencyKey, type SubscriptionRow } from './subscription.store';
import { WebhookSecretVault } from './webhook-secret-vault';

export interface CreatedSubscription {
  subscription: SubscriptionRow;
  secret: string;
  /** A retry answered: nothing was created, `secret` is a new secret of the subscription the key created. */
  replayed: boolean;
}

interface CreateRequest {
  partnerId: string;
  eventTypes: string[];
  countries: string[];
  webhookUrl: string | null;
  payloadMode: WebhookPayloadMode;
  idempotency: { key: string; digest: string } | null;
}

/** The unique index of migration 1764370001000. */
const IDEMPOTENCY_INDEX = 'subscription_idempotency_key';

@Injectable()
export class CreateSubscriptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(FeedsConfig) private readonly config: FeedsConfig,
    private readonly guard: EndpointGuard,
    @Inject(WebhookSecretVault) private readonly vault: WebhookSecretVault,
  ) {}

  async execute(command: CreateSubscriptionCommand, principal: Principal): Promise<CreatedSubscription> {
    const { partnerId, eventTypes, countries, webhookUrl, payloadMode, idempotencyKey: key } = command;
    requirePartnerManager(principal, partnerId);
    const refusal = webhookUrl ? await this.guard.refusal(webhookUrl) : undefined;
    if (refusal) throw DomainError.badInput('input.webhookUrl', `input.webhookUrl ${refusal.message}.`);
    const request: CreateRequest = {
      partnerId,
      eventTypes,
      countries,
      webhookUrl,
      payloadMode,
      idempotency: key ? { key, digest: createRequestDigest({ eventTypes, countries, webhookUrl, payloadMode }) } : null,
    };
    try {
      return await this.dataSource.transaction((tx) => this.create(tx, request));
    } catch (error) {
      // Two requests with the same key raced, and the other one created the subscription.
      if (request.idempotency && isViolationOf(error, IDEMPOTENCY_INDEX)) {
        return this.dataSource.transaction(async (tx) => {
          const replayed = await this.replay(tx, request);
          if (!replayed) throw new Error('A subscription with this idempotency key was reported but cannot be found.');
          return replayed;
        });
      }
      throw error;
    }
  }

  private async create(tx: EntityManager, request: CreateRequest): Promise<CreatedSubscription> {
    const partner = await requirePartner(tx, request.partnerId);
    const replayed = request.idempotency ? await this.replay(tx, request) : undefined;
    if (replayed) return replayed;
    const countries = requireCountriesOfPartner(request.countries, partner, 'input.countries');
    const id = randomUUID();
    const secret = newWebhookSecret();
    await insertSubscription(tx, {
      id,
      partnerId: request.partnerId,
      eventTypes: request.eventTypes,
      countries,
      webhookUrl: request.webhookUrl,
      payloadMode: request.payloadMode,
      sealed: sealedParameters(this.vault, id, { current: secret }),
      idempotency: request.idempotency,
    });
    return { subscription: await findSubscription(tx, id), secret, replayed: false };
  }

  /** The answer to a retry, if the key was used; refused when it cannot be one. */
  private async replay(tx: EntityManager, request: CreateRequest): Promise<CreatedSubscription | undefined> {
    const { key, digest } = request.idempotency!;
    const earlier = await lockSubscriptionOfIdempotencyKey(tx, request.partnerId, key);
    if (!earlier) return undefined;
    if (earlier.requestDigest !== digest) {
      throw DomainError.conflict('This idempotency key was already used for a different subscription. Use a new key for a new subscription.', 'input.idempotencyKey');
    }
    if (earlier.deleted) {
      throw DomainError.conflict('This idempotency key created a subscription that has been deleted since. Use a new key for a new subscription.', 'input.idempotencyKey');
    }
    const until = await previousSecretSignsUntil(tx, earlier.id);
    if (until) {
      throw DomainError.conflict(
        `This idempotency key created subscription ${earlier.id}, and its secret was issued again less than the overlap ago; the secret before it still signs until ${until.toISOString()}, and a new one now would drop it. ` +
          `Retry after ${until.toISOString()}, or delete the subscription and create it with a new key.`,
        'input.idempotencyKey',
      );
    }
    const secret = await issueNewSecret(tx, this.vault, earlier.id, this.config.FEEDS_SECRET_OVERLAP_MS);
    return { subscription: await findSubscription(tx, earlier.id), secret, replayed: true };
  }
}

function isViolationOf(error: unknown, index: string): boolean {
  return error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === index;
}
