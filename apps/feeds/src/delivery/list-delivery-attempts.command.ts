/** A request for a page of a subscription's attempt log, newest first (list-delivery-attempts.usecase.ts). */
import { IsInt, IsOptional, IsString } from 'class-validator';
import { pageSize, requireId, validateInput } from '@cpx/platform';
import { cursorPosition, LAST_POSITION } from '../pagination/cursor-position';

export class ListDeliveryAttemptsCommand {
  @IsString()
  subscriptionId!: string;

  /** The page's size (absent: the default). */
  @IsOptional()
  @IsInt()
  first!: number;

  /** The cursor read after (absent: from the newest). */
  @IsOptional()
  @IsString()
  after?: string;

  /** The attempt log position the page starts before, from `after`. */
  before!: string;

  static from(request: { subscriptionId: string; first?: number; after?: string }): ListDeliveryAttemptsCommand {
    const command = validateInput(ListDeliveryAttemptsCommand, { subscriptionId: request.subscriptionId, first: request.first, after: request.after });
    command.subscriptionId = requireId(command.subscriptionId, 'subscriptionId');
    command.first = pageSize(command.first, 'page.first');
    command.before = command.after ? cursorPosition(command.after, 'page.after') : LAST_POSITION;
    return command;
  }
}
