/**
 * National focal points: list, assign, remove, and each one's professional. The
 * professional is looked up only when asked for, once per id per operation, because a
 * country's list names the same person for several kinds of alert.
 */
import { Args, Context, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DirectoryRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { GatewayContext } from '../../graphql/gateway-context';
import { serviceLookup, smallListComplexity } from '../../graphql/query-limits';
import { ServiceClient } from '../../messaging/service.client';
import { underInput } from '../../messaging/argument-paths';
import { IdArgs } from '../inputs/common.args';
import { AssignFocalPointInput, FocalPointsArgs } from '../inputs/focal-point.input';
import { assignFocalPointRequest, toFocalPoint } from '../mappers/focal-point.mapper';
import { toProfessional } from '../mappers/professional.mapper';
import { required } from '../../graphql/proto-values';
import { FocalPointObject } from '../types/focal-point.type';
import { ProfessionalObject } from '../types/professional.type';

/** A lookup costs a Kafka round trip; weigh it accordingly in the query cost. */
const LOOKUP_COMPLEXITY = serviceLookup();

@Resolver(() => FocalPointObject)
export class FocalPointResolver {
  private readonly lookups = new WeakMap<GatewayContext, Map<string, Promise<ProfessionalObject>>>();

  constructor(private readonly directory: ServiceClient) {}

  @Query(() => [FocalPointObject], { complexity: smallListComplexity(20) })
  async focalPoints(@Args() { country }: FocalPointsArgs, @CurrentPrincipal() principal: Principal): Promise<FocalPointObject[]> {
    const { focalPoints } = await this.directory.send(DirectoryRequests.listFocalPoints, { country: country ?? '' }, principal);
    return focalPoints.map(toFocalPoint);
  }

  @Mutation(() => FocalPointObject)
  async assignFocalPoint(@Args('input') input: AssignFocalPointInput, @CurrentPrincipal() principal: Principal): Promise<FocalPointObject> {
    const { focalPoint } = await this.directory.send(DirectoryRequests.assignFocalPoint, assignFocalPointRequest(input), principal, underInput());
    return toFocalPoint(required(focalPoint, 'focal_point'));
  }

  @Mutation(() => FocalPointObject, { description: 'Returns the focal point as it was before removal.' })
  async removeFocalPoint(@Args() { id }: IdArgs, @CurrentPrincipal() principal: Principal): Promise<FocalPointObject> {
    const { focalPoint } = await this.directory.send(DirectoryRequests.removeFocalPoint, { id }, principal);
    return toFocalPoint(required(focalPoint, 'focal_point'));
  }

  @ResolveField('professional', () => ProfessionalObject, { nullable: true, complexity: LOOKUP_COMPLEXITY })
  professional(
    @Parent() focalPoint: FocalPointObject,
    @Context() context: GatewayContext,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProfessionalObject> {
    let byId = this.lookups.get(context);
    if (!byId) this.lookups.set(context, (byId = new Map()));
    let lookup = byId.get(focalPoint.professionalId);
    if (!lookup) {
      lookup = this.directory
        .send(DirectoryRequests.getProfessional, { lookup: { case: 'id', value: focalPoint.professionalId } }, principal)
        .then(({ professional }) => toProfessional(required(professional, 'professional')));
      byId.set(focalPoint.professionalId, lookup);
    }
    return lookup;
  }
}
