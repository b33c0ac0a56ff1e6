import { ArgsType, Field, ID } from '@nestjs/graphql';
import { IsEntityId, IsTimestamp } from '../../graphql/field-rules';

@ArgsType()
export class ResendWebhookDeliveryArgs {
  @Field(() => ID, { description: 'The delivery: its webhook-id, as the attempt log and the partner’s endpoint saw it.' })
  @IsEntityId()
  id!: string;
}

@ArgsType()
export class RedeliverFailedWebhooksArgs {
  @Field(() => ID)
  @IsEntityId()
  subscriptionId!: string;

  @Field(() => Date, { description: 'Failed deliveries of events recorded since then are queued again.' })
  @IsTimestamp()
  since!: Date;
}
