/** A request for a page of a partner's pull feed, after a cursor (read-partner-feed.usecase.ts). */
import { IsInt, IsOptional, IsString } from 'class-validator';
import { pageSize, requireId, validateInput } from '@cpx/platform';
import { sequenceOf } from './domain/feed-cursor';

export class ReadPartnerFeedCommand {
  @IsString()
  partnerId!: string;

  /** The page's size (absent: the default). */
  @IsOptional()
  @IsInt()
  first!: number;

  /** The cursor read after, as given ('' for the start of the feed). */
  @IsOptional()
  @IsString()
  after!: string;

  /** The feed sequence `after` names ('0': before every event). */
  afterSequence!: string;

  static from(request: { partnerId: string; first?: number; after?: string }): ReadPartnerFeedCommand {
    const command = validateInput(ReadPartnerFeedCommand, { partnerId: request.partnerId, first: request.first, after: request.after });
    command.partnerId = requireId(command.partnerId, 'partnerId');
    command.first = pageSize(command.first, 'page.first');
    command.after = command.after ?? '';
    command.afterSequence = sequenceOf(command.after, 'page.after');
    return command;
  }
}
