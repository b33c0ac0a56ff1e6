/** On-duty shifts, and the question they answer with focal points: whom do I contact? */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DirectoryRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { smallListComplexity } from '../../graphql/query-limits';
import { ServiceClient } from '../../messaging/service.client';
import { underInput } from '../../messaging/argument-paths';
import { IdArgs } from '../inputs/common.args';
import { ScheduleOnDutyInput, WhomToContactArgs } from '../inputs/on-duty.input';
import { scheduleOnDutyRequest, toContactCandidate, toOnDutyShift, whomToContactRequest } from '../mappers/focal-point.mapper';
import { required } from '../../graphql/proto-values';
import { ContactCandidateObject } from '../types/contact-candidate.type';
import { OnDutyShiftObject } from '../types/on-duty-shift.type';

@Resolver(() => OnDutyShiftObject)
export class OnDutyResolver {
  constructor(private readonly directory: ServiceClient) {}

  @Mutation(() => OnDutyShiftObject)
  async scheduleOnDuty(@Args('input') input: ScheduleOnDutyInput, @CurrentPrincipal() principal: Principal): Promise<OnDutyShiftObject> {
    const { shift } = await this.directory.send(DirectoryRequests.scheduleOnDuty, scheduleOnDutyRequest(input), principal, underInput());
    return toOnDutyShift(required(shift, 'shift'));
  }

  @Mutation(() => OnDutyShiftObject, {
    description:
      'Ends a shift now, or cancels it if it has not begun (it then ends where it starts): routing stops using it. ' +
      'A shift already over is returned unchanged.',
  })
  async endOnDuty(@Args() { id }: IdArgs, @CurrentPrincipal() principal: Principal): Promise<OnDutyShiftObject> {
    const { shift } = await this.directory.send(DirectoryRequests.endOnDuty, { id }, principal);
    return toOnDutyShift(required(shift, 'shift'));
  }

  @Query(() => [ContactCandidateObject], {
    description: 'Whom to contact in a country about a kind of alert: focal points and professionals on duty, most specific first.',
    complexity: smallListComplexity(10),
  })
  async whomToContact(@Args() args: WhomToContactArgs, @CurrentPrincipal() principal: Principal): Promise<ContactCandidateObject[]> {
    const { candidates } = await this.directory.send(DirectoryRequests.whomToContact, whomToContactRequest(args), principal);
    return candidates.map(toContactCandidate);
  }
}
