import { applyDecorators } from '@nestjs/common';
import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { COUNTRY_CODE, IsCursor, IsEntityId, IsIdempotencyKey, IsName, IsNestedInput, IsOneOf, IsPageSize, IsVersion } from '../../graphql/field-rules';
import { WebhookPayloadModeEnum, type WebhookPayloadModeName } from '../types/feeds.enums';

const EVENT_TYPE_PATTERN = /^cpx\.[a-z]+\.v\d+\.(\*|[A-Z][A-Za-z0-9]*)$/;

/** The rules a subscription's settings follow, on create and on update; the feeds service checks them again. */
const IsEventTypes = (optional = false): PropertyDecorator =>
  applyDecorators(
    ...(optional ? [IsOptional()] : []),
    ArrayMinSize(1, { message: 'must have at least 1 entry' }),
    ArrayMaxSize(30, { message: 'must have at most 30 entries' }),
    Matches(EVENT_TYPE_PATTERN, { each: true, message: 'must contain event types such as cpx.alerts.v1.AlertPosted or cpx.alerts.v1.*' }),
  );

const IsSubscriptionCountries = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    ArrayMaxSize(60, { message: 'must have at most 60 entries' }),
    Matches(COUNTRY_CODE, { each: true, message: 'must contain ISO 3166-1 alpha-2 codes such as RS or XK' }),
  );

const IsWebhookUrl = (): PropertyDecorator =>
  applyDecorators(
    IsOptional(),
    IsString({ message: 'must be a string' }),
    MaxLength(2_000, { message: 'must be at most 2000 characters' }),
    IsUrl({ require_protocol: true, require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' }),
  );


@InputType('RegisterPartnerInput')
export class RegisterPartnerInput {
  @Field({ description: 'The organisation, e.g. "UNICEF Europe and Central Asia"; 1 to 200 characters.' })
  @IsName()
  name!: string;

  @Field(() => [String], { nullable: true, description: 'Countries the partner may receive events about (ISO 3166-1 alpha-2); none: every country.' })
  @IsOptional()
  @ArrayMaxSize(60, { message: 'must have at most 60 entries' })
  @Matches(COUNTRY_CODE, { each: true, message: 'must contain ISO 3166-1 alpha-2 codes such as RS or XK' })
  countries?: string[] | null;
}

@InputType('CreatePartnerSubscriptionInput')
export class CreatePartnerSubscriptionInput {
  @Field(() => ID)
  @IsEntityId()
  partnerId!: string;

  @Field(() => [String], { description: 'CloudEvents types ("cpx.alerts.v1.AlertPosted") or families ("cpx.alerts.v1.*").' })
  @IsEventTypes()
  eventTypes!: string[];

  @Field(() => [String], { nullable: true, description: 'Only events about these countries; none: every country the partner may see.' })
  @IsSubscriptionCountries()
  countries?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Where signed webhooks go: https, to a host with public addresses only (never a private, loopback or link-local one). None: pull feed only.' })
  @IsWebhookUrl()
  webhookUrl?: string | null;

  @Field(() => WebhookPayloadModeEnum, {
    nullable: true,
    defaultValue: WebhookPayloadModeEnum.THIN,
    description: 'What the webhooks’ `data` carries: THIN (the default; null means THIN too) or FULL, see WebhookPayloadMode. The pull feed and the live subscription carry FULL data whatever this says.',
  })
  @IsOneOf(WebhookPayloadModeEnum, true)
  payloadMode?: WebhookPayloadModeName | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Makes the create safe to retry (8 to 128 letters, digits, "_" or "-"; unique per partner). A retry with the same key and the same input creates nothing: ' +
      'it returns the subscription the key created, with `replayed: true` and a new secret (the one issued before keeps signing beside it for 24 hours; ' +
      'within those 24 hours a retry is refused with CONFLICT, as a rotation is). The same key with a different input, or once its subscription is deleted: CONFLICT.',
  })
  @IsOptional()
  @IsIdempotencyKey()
  idempotencyKey?: string | null;
}

@InputType('UpdatePartnerSubscriptionInput', { description: 'The settings to change; those left out (or null) keep their value. The secret is unchanged.' })
export class UpdatePartnerSubscriptionInput {
  @Field(() => ID)
  @IsEntityId()
  id!: string;

  @Field(() => [String], { nullable: true, description: 'Replaces the event types; they match the events recorded from now on (those recorded before keep their webhooks).' })
  @IsEventTypes(true)
  eventTypes?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Replaces the countries (an empty list: every country the partner may see); they match the events recorded from now on.',
  })
  @IsSubscriptionCountries()
  countries?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description:
      'A new endpoint, under the same rules as on create. Every webhook not yet delivered goes there, pending, parked or redelivered later. A disabled endpoint stays disabled until enabled (enablePartnerSubscription). It cannot be removed.',
  })
  @IsWebhookUrl()
  webhookUrl?: string | null;

  @Field(() => WebhookPayloadModeEnum, { nullable: true, description: 'What the webhooks’ `data` carries (see WebhookPayloadMode), for the events recorded from now on: every attempt of one webhook carries the same body.' })
  @IsOneOf(WebhookPayloadModeEnum, true)
  payloadMode?: WebhookPayloadModeName | null;

  @Field(() => Int, { nullable: true, description: 'The version you last saw; the change is refused with CONFLICT if it moved on. An update that changes nothing is never refused.' })
  @IsVersion()
  expectedVersion?: number | null;
}

@ArgsType()
export class UpdatePartnerSubscriptionArgs {
  @Field(() => UpdatePartnerSubscriptionInput)
  @IsNestedInput(() => UpdatePartnerSubscriptionInput)
  input!: UpdatePartnerSubscriptionInput;
}

@ArgsType()
export class CreatePartnerSubscriptionArgs {
  @Field(() => CreatePartnerSubscriptionInput)
  @IsNestedInput(() => CreatePartnerSubscriptionInput)
  input!: CreatePartnerSubscriptionInput;
}

@ArgsType()
export class RegisterPartnerArgs {
  @Field(() => RegisterPartnerInput)
  @IsNestedInput(() => RegisterPartnerInput)
  input!: RegisterPartnerInput;
}

@ArgsType()
export class SubscriptionIdArgs {
  @Field(() => ID)
  @IsEntityId()
  id!: string;
}

@ArgsType()
export class PartnerArgs {
  @Field(() => ID, { nullable: true, description: 'The partner; yours when you are a partner user.' })
  @IsEntityId(true)
  partnerId?: string | null;
}

@ArgsType()
export class PartnerFeedArgs extends PartnerArgs {
  @Field(() => Int, { nullable: true, description: 'At most 100.' })
  @IsPageSize()
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'A cursor from an earlier page; any cursor can be read again.' })
  @IsCursor()
  after?: string | null;
}

@ArgsType()
export class DeliveryAttemptsArgs {
  @Field(() => ID)
  @IsEntityId()
  subscriptionId!: string;

  @Field(() => Int, { nullable: true, description: 'At most 100.' })
  @IsPageSize()
  first?: number | null;

  @Field(() => String, { nullable: true })
  @IsCursor()
  after?: string | null;
}
