/** A request to end a subscription (delete-subscription.usecase.ts). */
import { IsString } from 'class-validator';
import { requireId, validateInput } from '@cpx/platform';

export class DeleteSubscriptionCommand {
  @IsString()
  id!: string;

  static from(request: { id: string }): DeleteSubscriptionCommand {
    const command = validateInput(DeleteSubscriptionCommand, { id: request.id });
    command.id = requireId(command.id, 'id');
    return command;
  }
}
