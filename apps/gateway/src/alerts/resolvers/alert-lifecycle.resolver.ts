/**
 * Acting on alerts: post, acknowledge, add an update, report the child found, resolve,
 * cancel. The service decides who may.
 */
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { AlertsRequests, Outcome } from '@cpx/contracts';
import { PayloadSealer, type Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { underInput } from '../../messaging/argument-paths';
import { enumValue, optionalVersion, required } from '../../graphql/proto-values';
import { ServiceClient } from '../../messaging/service.client';
import { AddAlertUpdateArgs, AlertIdArgs, CancelAlertArgs, ReportChildFoundArgs, ResolveAlertArgs } from '../inputs/alert-args.input';
import { PostAlertInput } from '../inputs/post-alert.input';
import { addAlertUpdateRequest, postAlertRequest, toAlert, toAlertUpdate } from '../mappers/alert.mapper';
import { AlertObject, PostAlertPayload } from '../types/alert.type';
import { AlertUpdateObject } from '../types/alert-update.type';

@Resolver(() => AlertObject)
export class AlertLifecycleResolver {
  constructor(
    private readonly service: ServiceClient,
    private readonly sealerToAlerts: PayloadSealer,
  ) {}

  @Mutation(() => PostAlertPayload, {
    description: 'Posts an alert to the focal points and on-duty contacts of the target countries. Replaying the same idempotency key returns the first alert.',
  })
  async postAlert(@Args('input') input: PostAlertInput, @CurrentPrincipal() principal: Principal): Promise<PostAlertPayload> {
    const { alert, replayed } = await this.service.send(AlertsRequests.postAlert, await postAlertRequest(input, this.sealerToAlerts), principal, underInput());
    return { alert: toAlert(required(alert, 'alert')), replayed };
  }

  @Mutation(() => AlertObject, { description: "Acknowledges the alert for your country. Idempotent; FORBIDDEN if it was not sent to your country." })
  async acknowledgeAlert(@Args() { id }: AlertIdArgs, @CurrentPrincipal() principal: Principal): Promise<AlertObject> {
    const { alert } = await this.service.send(AlertsRequests.acknowledgeAlert, { id }, principal);
    return toAlert(required(alert, 'alert'));
  }

  @Mutation(() => AlertUpdateObject, { description: 'Adds a message, and optionally a sighting, to the thread of an alert.' })
  async addAlertUpdate(@Args() { id, input }: AddAlertUpdateArgs, @CurrentPrincipal() principal: Principal): Promise<AlertUpdateObject> {
    const { update } = await this.service.send(AlertsRequests.addAlertUpdate, addAlertUpdateRequest(id, input), principal, underInput('id'));
    return toAlertUpdate(required(update, 'update'));
  }

  @Mutation(() => AlertUpdateObject, {
    description:
      "A target country reports the child found: an entry of kind CHILD_FOUND on the thread, which the originating agency sees live (CHILD_FOUND_REPORTED) and answers by resolving the alert. Only the alert's recipients and their agency admins may.",
  })
  async reportChildFound(@Args() { id, note }: ReportChildFoundArgs, @CurrentPrincipal() principal: Principal): Promise<AlertUpdateObject> {
    const { update } = await this.service.send(AlertsRequests.reportChildFound, { id, note }, principal);
    return toAlertUpdate(required(update, 'update'));
  }

  @Mutation(() => AlertObject, {
    description: 'Ends an alert with an outcome; only its originating agency may (a target country reports the child found instead).',
  })
  async resolveAlert(
    @Args() { id, outcome, note, expectedVersion }: ResolveAlertArgs,
    @CurrentPrincipal() principal: Principal,
  ): Promise<AlertObject> {
    const { alert } = await this.service.send(
      AlertsRequests.resolveAlert,
      { id, outcome: enumValue(Outcome, outcome), note: note ?? '', expectedVersion: optionalVersion(expectedVersion) },
      principal,
    );
    return toAlert(required(alert, 'alert'));
  }

  @Mutation(() => AlertObject, { description: 'Withdraws an alert, with a reason; only its originating agency may.' })
  async cancelAlert(@Args() { id, reason, expectedVersion }: CancelAlertArgs, @CurrentPrincipal() principal: Principal): Promise<AlertObject> {
    const { alert } = await this.service.send(
      AlertsRequests.cancelAlert,
      { id, reason, expectedVersion: optionalVersion(expectedVersion) },
      principal,
    );
    return toAlert(required(alert, 'alert'));
  }
}
