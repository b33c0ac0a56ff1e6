/**
 * A request to subscribe a partner to event types and countries, optionally with a webhook
 * endpoint and its payload mode (create-subscription.usecase.ts). The shape and sizes are
 * checked through validateInput; each entry, and the URL against the endpoint policy, by
 * domain/subscription-rules.ts. Whether the endpoint's host resolves somewhere allowed is
 * the use case's (it takes a DNS lookup).
 */
import type { PayloadMode } from '@cpx/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsString, Matches, ValidateIf } from 'class-validator';
import { requireId, validateInput } from '@cpx/platform';
import { WEBHOOK_PAYLOAD_MODES, type WebhookPayloadMode } from './domain/payload-mode';
import {
  IDEMPOTENCY_KEY,
  MAX_COUNTRIES,
  MAX_EVENT_TYPES,
  payloadModeOf,
  requireCountries,
  requireEventTypes,
  requireWebhookUrl,
} from './domain/subscription-rules';
import type { EndpointPolicy } from './domain/webhook-url';

export interface CreateSubscriptionRequest {
  partnerId: string;
  eventTypes: string[];
  countries: string[];
  /** Empty: none (the pull feed only). */
  webhookUrl: string;
  /** UNSPECIFIED: THIN. */
  payloadMode: PayloadMode;
  /** Empty or absent: none. */
  idempotencyKey?: string;
}

export class CreateSubscriptionCommand {
  @IsString()
  partnerId!: string;

  @IsArray()
  @IsString({ each: true })
  @ArrayMinSize(1, { message: `must have 1 to ${MAX_EVENT_TYPES} entries` })
  @ArrayMaxSize(MAX_EVENT_TYPES, { message: `must have 1 to ${MAX_EVENT_TYPES} entries` })
  eventTypes!: string[];

  /** None: every country the partner may see. */
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(MAX_COUNTRIES, { message: `must have at most ${MAX_COUNTRIES} entries` })
  countries!: string[];

  /** null: no endpoint. */
  @IsString()
  webhookUrl!: string | null;

  @Transform(({ value }) => payloadModeOf(value))
  @IsIn(WEBHOOK_PAYLOAD_MODES, { message: 'must be THIN or FULL' })
  payloadMode!: WebhookPayloadMode;

  /** null: none. */
  @ValidateIf((_command, value) => value !== undefined && value !== '')
  @Matches(IDEMPOTENCY_KEY, { message: 'must be 8 to 128 characters among letters, digits, "_" and "-"' })
  idempotencyKey!: string | null;

  static from(request: CreateSubscriptionRequest, policy: EndpointPolicy): CreateSubscriptionCommand {
    const command = validateInput(CreateSubscriptionCommand, {
      partnerId: request.partnerId,
      eventTypes: request.eventTypes,
      countries: request.countries,
      webhookUrl: request.webhookUrl,
      payloadMode: request.payloadMode,
      idempotencyKey: request.idempotencyKey,
    });
    command.partnerId = requireId(command.partnerId, 'input.partnerId');
    command.eventTypes = requireEventTypes(command.eventTypes, 'input.eventTypes');
    command.countries = requireCountries(command.countries, 'input.countries');
    command.webhookUrl = requireWebhookUrl(command.webhookUrl ?? '', policy, 'input.webhookUrl');
    command.idempotencyKey = command.idempotencyKey || null;
    return command;
  }
}
