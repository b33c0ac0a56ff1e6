/** A request for a new secret of a subscription (rotate-subscription-secret.usecase.ts). */
import { IsString } from 'class-validator';
import { requireId, validateInput } from '@cpx/platform';

export class RotateSubscriptionSecretCommand {
  @IsString()
  id!: string;

  static from(request: { id: string }): RotateSubscriptionSecretCommand {
    const command = validateInput(RotateSubscriptionSecretCommand, { id: request.id });
    command.id = requireId(command.id, 'id');
    return command;
  }
}
