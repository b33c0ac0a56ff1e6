import { ArgsType, Field } from '@nestjs/graphql';
import { IsCursor } from '../../graphql/field-rules';
import { PartnerArgs } from '../inputs/feeds.input';

@ArgsType()
export class PartnerFeedEventsArgs extends PartnerArgs {
  @Field(() => String, { nullable: true, description: 'The cursor of the last event you received (live or pulled); none: the whole retained feed.' })
  @IsCursor()
  after?: string | null;
}
