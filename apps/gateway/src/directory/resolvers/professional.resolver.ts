/** Professionals: look up, search, invite, update, and the verification life cycle. */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { DirectoryRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { connectionComplexity } from '../../graphql/query-limits';
import { connectionFrom, pageWindow } from '../../graphql/relay-connection';
import { ServiceClient } from '../../messaging/service.client';
import { SEARCH, underInput } from '../../messaging/argument-paths';
import { IdArgs, VersionedIdArgs } from '../inputs/common.args';
import {
  ProfessionalSearchArgs,
  RegisterProfessionalInput,
  SuspendProfessionalArgs,
  UpdateProfessionalArgs,
} from '../inputs/professional.input';
import {
  professionalFilterToProto,
  registerProfessionalRequest,
  toProfessional,
  updateProfessionalRequest,
} from '../mappers/professional.mapper';
import { optionalVersion, required } from '../../graphql/proto-values';
import { ProfessionalConnection } from '../types/connections.type';
import { ProfessionalObject } from '../types/professional.type';

@Resolver(() => ProfessionalObject)
export class ProfessionalResolver {
  constructor(private readonly directory: ServiceClient) {}

  @Query(() => ProfessionalObject, { nullable: true, description: 'One professional; NOT_FOUND if there is none with this id.' })
  async professional(@Args() { id }: IdArgs, @CurrentPrincipal() principal: Principal): Promise<ProfessionalObject> {
    const { professional } = await this.directory.send(DirectoryRequests.getProfessional, { lookup: { case: 'id', value: id } }, principal);
    return toProfessional(required(professional, 'professional'));
  }

  @Query(() => ProfessionalConnection, { complexity: connectionComplexity })
  async professionals(
    @Args() { filter, first, after }: ProfessionalSearchArgs,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProfessionalConnection> {
    const window = pageWindow(first, after);
    const page = await this.directory.send(
      DirectoryRequests.searchProfessionals,
      { filter: professionalFilterToProto(filter), page: window.page },
      principal,
      SEARCH,
    );
    return connectionFrom(page, window, toProfessional);
  }

  @Mutation(() => ProfessionalObject, { description: 'Invites a professional into an agency; they start as INVITED.' })
  async registerProfessional(
    @Args('input') input: RegisterProfessionalInput,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProfessionalObject> {
    const { professional } = await this.directory.send(
      DirectoryRequests.registerProfessional,
      registerProfessionalRequest(input),
      principal,
      underInput(),
    );
    return toProfessional(required(professional, 'professional'));
  }

  @Mutation(() => ProfessionalObject)
  async updateProfessional(@Args() { id, input }: UpdateProfessionalArgs, @CurrentPrincipal() principal: Principal): Promise<ProfessionalObject> {
    const { professional } = await this.directory.send(
      DirectoryRequests.updateProfessional,
      updateProfessionalRequest(id, input),
      principal,
      underInput('id'),
    );
    return toProfessional(required(professional, 'professional'));
  }

  @Mutation(() => ProfessionalObject, { description: 'Marks an invited professional as verified: they may then act on alerts.' })
  async verifyProfessional(@Args() { id, expectedVersion }: VersionedIdArgs, @CurrentPrincipal() principal: Principal): Promise<ProfessionalObject> {
    const { professional } = await this.directory.send(
      DirectoryRequests.verifyProfessional,
      { id, expectedVersion: optionalVersion(expectedVersion) },
      principal,
    );
    return toProfessional(required(professional, 'professional'));
  }

  @Mutation(() => ProfessionalObject, { description: 'Stops a professional from acting on alerts, with a reason.' })
  async suspendProfessional(
    @Args() { id, reason, expectedVersion }: SuspendProfessionalArgs,
    @CurrentPrincipal() principal: Principal,
  ): Promise<ProfessionalObject> {
    const { professional } = await this.directory.send(
      DirectoryRequests.suspendProfessional,
      { id, reason, expectedVersion: optionalVersion(expectedVersion) },
      principal,
    );
    return toProfessional(required(professional, 'professional'));
  }

  @Mutation(() => ProfessionalObject, { description: 'Lifts a suspension.' })
  async reinstateProfessional(@Args() { id, expectedVersion }: VersionedIdArgs, @CurrentPrincipal() principal: Principal): Promise<ProfessionalObject> {
    const { professional } = await this.directory.send(
      DirectoryRequests.reinstateProfessional,
      { id, expectedVersion: optionalVersion(expectedVersion) },
      principal,
    );
    return toProfessional(required(professional, 'professional'));
  }
}
