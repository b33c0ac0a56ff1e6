import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsOptional, IsString, IsUrl, Matches, MaxLength } from 'class-validator';
import { COUNTRY_CODE, IsCursor, IsEntityId, IsName, IsNestedInput, IsOneOf, IsPageSize } from '../../directory/field-rules';
import { WebhookPayloadModeEnum, type WebhookPayloadModeName } from '../types/feeds.enums';

const EVENT_TYPE_PATTERN = /^cpx\.[a-z]+\.v\d+\.(\*|[A-Z][A-Za-z0-9]*)$/;

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
  @ArrayMinSize(1, { message: 'must have at least 1 entry' })
  @ArrayMaxSize(30, { message: 'must have at most 30 entries' })
  @Matches(EVENT_TYPE_PATTERN, { each: true, message: 'must contain event types such as cpx.alerts.v1.AlertPosted or cpx.alerts.v1.*' })
  eventTypes!: string[];

  @Field(() => [String], { nullable: true, description: 'Only events about these countries; none: every country the partner may see.' })
  @IsOptional()
  @ArrayMaxSize(60, { message: 'must have at most 60 entries' })
  @Matches(COUNTRY_CODE, { each: true, message: 'must contain ISO 3166-1 alpha-2 codes such as RS or XK' })
  countries?: string[] | null;

  @Field(() => String, { nullable: true, description: 'Where signed webhooks go: https, to a host with public addresses only (never a private, loopback or link-local one). None: pull feed only.' })
  @IsOptional()
  @IsString({ message: 'must be a string' })
  @MaxLength(2_000, { message: 'must be at most 2000 characters' })
  @IsUrl({ require_protocol: true, require_tld: false, protocols: ['http', 'https'] }, { message: 'must be an http(s) URL' })
  webhookUrl?: string | null;

  @Field(() => WebhookPayloadModeEnum, {
    nullable: true,
    defaultValue: WebhookPayloadModeEnum.THIN,
    description: 'What the webhooks’ `data` carries: THIN (the default; null means THIN too) or FULL, see WebhookPayloadMode. The pull feed and the live subscription carry FULL data whatever this says.',
  })
  @IsOneOf(WebhookPayloadModeEnum, true)
  payloadMode?: WebhookPayloadModeName | null;
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
