/** A request to queue again what failed for a subscription since a time (redeliver-failed-webhooks.usecase.ts). */
import { IsOptional, IsString } from 'class-validator';
import { DomainError, requireId, validateInput } from '@cpx/platform';

export class RedeliverFailedWebhooksCommand {
  @IsString()
  subscriptionId!: string;

  /** Required: redeliver what failed since when? Optional here only so that its absence is refused by name. */
  @IsOptional()
  since!: Date;

  static from(request: { subscriptionId: string; since: Date | undefined }): RedeliverFailedWebhooksCommand {
    const command = validateInput(RedeliverFailedWebhooksCommand, { subscriptionId: request.subscriptionId, since: request.since });
    command.subscriptionId = requireId(command.subscriptionId, 'subscriptionId');
    if (!(request.since instanceof Date) || Number.isNaN(request.since.getTime())) throw DomainError.badInput('since', 'since is required: redeliver what failed since when?');
    command.since = request.since;
    return command;
  }
}
