/** A request to enable a subscription's webhook endpoint again (enable-subscription.usecase.ts). */
import { IsString } from 'class-validator';
import { requireId, validateInput } from '@cpx/platform';

export class EnableSubscriptionCommand {
  @IsString()
  id!: string;

  static from(request: { id: string }): EnableSubscriptionCommand {
    const command = validateInput(EnableSubscriptionCommand, { id: request.id });
    command.id = requireId(command.id, 'id');
    return command;
  }
}
