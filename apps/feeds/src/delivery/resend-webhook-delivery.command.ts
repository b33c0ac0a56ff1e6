/** A request for one delivery again (resend-webhook-delivery.usecase.ts). */
import { IsString } from 'class-validator';
import { requireId, validateInput } from '@cpx/platform';

export class ResendWebhookDeliveryCommand {
  @IsString()
  deliveryId!: string;

  static from(request: { deliveryId: string }): ResendWebhookDeliveryCommand {
    const command = validateInput(ResendWebhookDeliveryCommand, { deliveryId: request.deliveryId });
    command.deliveryId = requireId(command.deliveryId, 'deliveryId');
    return command;
  }
}
