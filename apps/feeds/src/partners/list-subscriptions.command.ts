/** A request for a partner's subscriptions (list-subscriptions.usecase.ts). */
import { IsString } from 'class-validator';
import { requireId, validateInput } from '@cpx/platform';

export class ListSubscriptionsCommand {
  @IsString()
  partnerId!: string;

  static from(request: { partnerId: string }): ListSubscriptionsCommand {
    const command = validateInput(ListSubscriptionsCommand, { partnerId: request.partnerId });
    command.partnerId = requireId(command.partnerId, 'partnerId');
    return command;
  }
}
