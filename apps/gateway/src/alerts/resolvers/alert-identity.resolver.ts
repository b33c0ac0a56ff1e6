/** The child's identity: revealed with a stated purpose, and the record of who read it. */
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AlertsRequests, ChildIdentitySchema } from '@cpx/contracts';
import { PayloadOpener, revealIdentityContext, type Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { connectionComplexity, smallListComplexity } from '../../graphql/query-limits';
import { connectionFrom, pageWindow } from '../../graphql/relay-connection';
import { SEARCH, type ArgumentPaths } from '../../messaging/argument-paths';
import { ServiceClient } from '../../messaging/service.client';
import { GrantIdentityAccessArgs, IdentityReadAuditArgs, IdentityReadsArgs, RevealAlertIdentityArgs, RevokeIdentityAccessArgs } from '../inputs/alert-args.input';
import { toIdentityGrant, toIdentityRead } from '../mappers/alert.mapper';
import { required } from '../../graphql/proto-values';
import { toChildIdentity } from '../mappers/child-identity.mapper';
import { ChildIdentityObject } from '../types/child-identity.type';
import { IdentityReadConnection } from '../types/connections.type';
import { IdentityGrantObject, IdentityReadObject } from '../types/identity-read.type';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';

/** `alertIdentityReads(alertId)`: the service calls the alert `id`. */
const IDENTITY_READS: ArgumentPaths = (path) => (path === 'id' ? 'alertId' : path);

@Resolver(() => ChildIdentityObject)
export class AlertIdentityResolver {
  constructor(
    private readonly service: ServiceClient,
    private readonly opener: PayloadOpener,
  ) {}

  // A mutation, not a query: every reveal is recorded, and a query must not change anything.
  @Mutation(() => ChildIdentityObject, {
    description: "Reveals the child's identity to a party of the alert. The purpose is recorded with the read and shown to the originator.",
  })
  async revealAlertIdentity(@Args() { id, purpose }: RevealAlertIdentityArgs, @CurrentPrincipal() principal: Principal): Promise<ChildIdentityObject> {
    const { sealedChild } = await this.service.send(AlertsRequests.revealAlertIdentity, { id, purpose }, principal);
    return toChildIdentity(await this.opener.open(ChildIdentitySchema, sealedChild, revealIdentityContext(id), 'child'));
  }

  @Mutation(() => IdentityGrantObject, {
    description: "Lets a regional attaché read the child's identity on this alert. Only the originating agency may; the grant is kept with the alert.",
  })
  async grantAlertIdentityAccess(
    @Args() { id, granteeSubject, reason }: GrantIdentityAccessArgs,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IdentityGrantObject> {
    const grant = await this.service.send(AlertsRequests.grantIdentityAccess, { id, granteeSubject, reason }, principal);
    return {
      alertId: grant.alertId,
      granteeSubject: grant.granteeSubject,
      grantedAt: grant.grantedAt ? timestampDate(grant.grantedAt) : new Date(),
      grantedBySubject: principal.subject,
      reason,
      revokedAt: null,
      revokedBySubject: null,
    };
  }

  @Mutation(() => IdentityGrantObject, {
    description: "Takes back an attaché's access to the child's identity on this alert. Only the originating agency may; the grant stays in the list, marked revoked.",
  })
  async revokeAlertIdentityAccess(@Args() { id, granteeSubject }: RevokeIdentityAccessArgs, @CurrentPrincipal() principal: Principal): Promise<IdentityGrantObject> {
    const { grant } = await this.service.send(AlertsRequests.revokeIdentityAccess, { id, granteeSubject }, principal);
    return toIdentityGrant(required(grant, 'grant'));
  }

  @Query(() => [IdentityGrantObject], {
    complexity: smallListComplexity(20),
    description:
      "Every grant of the child's identity on an alert to an attaché, oldest first, from the audit log: revoked grants included, and a grant made again after a revocation listed again. For its originator and auditors.",
  })
  async alertIdentityGrants(@Args() { alertId }: IdentityReadsArgs, @CurrentPrincipal() principal: Principal): Promise<IdentityGrantObject[]> {
    const { grants } = await this.service.send(AlertsRequests.listIdentityGrants, { id: alertId }, principal, IDENTITY_READS);
    return grants.map(toIdentityGrant);
  }

  @Query(() => [IdentityReadObject], {
    complexity: smallListComplexity(20),
    description: "Who read the child's identity on an alert, when and why: for its originator and auditors.",
  })
  async alertIdentityReads(@Args() { alertId }: IdentityReadsArgs, @CurrentPrincipal() principal: Principal): Promise<IdentityReadObject[]> {
    const { reads } = await this.service.send(AlertsRequests.listIdentityReads, { id: alertId }, principal, IDENTITY_READS);
    return reads.map(toIdentityRead);
  }

  @Query(() => IdentityReadConnection, {
    complexity: connectionComplexity,
    description: "The audit trail across alerts, for auditors: every read of a child's identity, newest first. Each argument you set narrows it.",
  })
  async identityReadAudit(
    @Args() { readerSubject, alertId, since, until, first, after }: IdentityReadAuditArgs,
    @CurrentPrincipal() principal: Principal,
  ): Promise<IdentityReadConnection> {
    const window = pageWindow(first, after);
    const page = await this.service.send(
      AlertsRequests.searchIdentityReads,
      {
        readerSubject: readerSubject ?? '',
        alertId: alertId ?? '',
        since: since ? timestampFromDate(since) : undefined,
        until: until ? timestampFromDate(until) : undefined,
        page: window.page,
      },
      principal,
      SEARCH,
    );
    return connectionFrom(page, window, toIdentityRead);
  }
}
