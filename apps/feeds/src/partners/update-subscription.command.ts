/**
 * A request to change a subscription in place (update-subscription.usecase.ts): absent
 * fields keep their value. The same rules as on create (create-subscription.command.ts);
 * a webhook URL cannot be removed (a pull-only subscription needs no secret: delete this
 * one and create one without a URL).
 */
import type { PayloadMode } from '@cpx/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString } from 'class-validator';
import { DomainError, requireId, validateInput } from '@cpx/platform';
import { WEBHOOK_PAYLOAD_MODES, type WebhookPayloadMode } from './domain/payload-mode';
import { MAX_COUNTRIES, MAX_EVENT_TYPES, payloadModeOf, requireCountries, requireEventTypes, requireWebhookUrl } from './domain/subscription-rules';
import type { EndpointPolicy } from './domain/webhook-url';

/** Absent fields keep their value. */
export interface UpdateSubscriptionRequest {
  id: string;
  webhookUrl?: string;
  eventTypes?: string[];
  /** Empty: every country the partner may see. */
  countries?: string[];
  payloadMode?: PayloadMode;
  expectedVersion?: number;
}

export class UpdateSubscriptionCommand {
  @IsString()
  id!: string;

  @IsOptional()
  @IsString()
  webhookUrl?: string;

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMinSize(1, { message: `must have 1 to ${MAX_EVENT_TYPES} entries` })
  @ArrayMaxSize(MAX_EVENT_TYPES, { message: `must have 1 to ${MAX_EVENT_TYPES} entries` })
  eventTypes?: string[];

  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @ArrayMaxSize(MAX_COUNTRIES, { message: `must have at most ${MAX_COUNTRIES} entries` })
  countries?: string[];

  @IsOptional()
  @Transform(({ value }) => payloadModeOf(value))
  @IsIn(WEBHOOK_PAYLOAD_MODES, { message: 'must be THIN or FULL' })
  payloadMode?: WebhookPayloadMode;

  /** When given, the subscription's version must still be this one. */
  @IsOptional()
  @IsInt()
  expectedVersion?: number;

  static from(request: UpdateSubscriptionRequest, policy: EndpointPolicy): UpdateSubscriptionCommand {
    const command = validateInput(UpdateSubscriptionCommand, {
      id: request.id,
      webhookUrl: request.webhookUrl,
      eventTypes: request.eventTypes,
      countries: request.countries,
      payloadMode: request.payloadMode,
      expectedVersion: request.expectedVersion,
    });
    command.id = requireId(command.id, 'input.id');
    if (command.webhookUrl !== undefined) {
      if (command.webhookUrl === '') {
        throw DomainError.badInput('input.webhookUrl', 'input.webhookUrl cannot be removed; for the pull feed only, delete the subscription and create one without a webhook URL.');
      }
      command.webhookUrl = requireWebhookUrl(command.webhookUrl, policy, 'input.webhookUrl')!;
    }
    if (command.eventTypes !== undefined) command.eventTypes = requireEventTypes(command.eventTypes, 'input.eventTypes');
    if (command.countries !== undefined) command.countries = requireCountries(command.countries, 'input.countries');
    return command;
  }
}
