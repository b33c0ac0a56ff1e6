/** Agencies: look one up, search them, register and update them. */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DirectoryRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { connectionFrom, pageWindow } from '../../graphql/relay-connection';
import { connectionComplexity } from '../../graphql/query-limits';
import { ServiceClient } from '../../messaging/service.client';
import { SEARCH, underInput } from '../../messaging/argument-paths';
import { AgencySearchArgs, RegisterAgencyInput, UpdateAgencyArgs } from '../inputs/agency.input';
import { IdArgs } from '../inputs/common.args';
import { agencyFilterToProto, registerAgencyRequest, toAgency, updateAgencyRequest } from '../mappers/agency.mapper';
import { required } from '../../graphql/proto-values';
import { AgencyObject } from '../types/agency.type';
import { AgencyConnection } from '../types/connections.type';

@Resolver(() => AgencyObject)
export class AgencyResolver {
  constructor(private readonly directory: ServiceClient) {}

  @Query(() => AgencyObject, { nullable: true, description: 'One agency; NOT_FOUND if there is none with this id.' })
  async agency(@Args() { id }: IdArgs, @CurrentPrincipal() principal: Principal): Promise<AgencyObject> {
    const { agency } = await this.directory.send(DirectoryRequests.getAgency, { id }, principal);
    return toAgency(required(agency, 'agency'));
  }

  @Query(() => AgencyConnection, { complexity: connectionComplexity })
  async agencies(@Args() { filter, first, after }: AgencySearchArgs, @CurrentPrincipal() principal: Principal): Promise<AgencyConnection> {
    const window = pageWindow(first, after);
    const page = await this.directory.send(
      DirectoryRequests.searchAgencies,
      { filter: agencyFilterToProto(filter), page: window.page },
      principal,
      SEARCH,
    );
    return connectionFrom(page, window, toAgency);
  }

  @Mutation(() => AgencyObject)
  async registerAgency(@Args('input') input: RegisterAgencyInput, @CurrentPrincipal() principal: Principal): Promise<AgencyObject> {
    const { agency } = await this.directory.send(DirectoryRequests.registerAgency, registerAgencyRequest(input), principal, underInput());
    return toAgency(required(agency, 'agency'));
  }

  @Mutation(() => AgencyObject)
  async updateAgency(@Args() { id, input }: UpdateAgencyArgs, @CurrentPrincipal() principal: Principal): Promise<AgencyObject> {
    const { agency } = await this.directory.send(DirectoryRequests.updateAgency, updateAgencyRequest(id, input), principal, underInput('id'));
    return toAgency(required(agency, 'agency'));
  }
}
