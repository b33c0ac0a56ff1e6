/**
 * Kafka adapter for the child's identity: reveal, grants to attachés, and who read it.
 * Each operation decodes, builds its command, calls one use case and encodes.
 */
import { Controller } from '@nestjs/common';
import type { MessageShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsRequests, ChildIdentitySchema } from '@cpx/contracts';
import { HandleRequest, PayloadSealer, revealIdentityContext, type RequestContext } from '@cpx/platform';
import { AlertIdCommand } from '../alerts/alert-id.command';
import { GrantIdentityAccessCommand } from './grant-identity-access.command';
import { GrantIdentityAccessUseCase } from './grant-identity-access.usecase';
import { identityGrantMessage, identityReadMessage } from './identity.mapper';
import { ListIdentityGrantsUseCase } from './list-identity-grants.usecase';
import { ListIdentityReadsUseCase } from './list-identity-reads.usecase';
import { RevealAlertIdentityCommand } from './reveal-alert-identity.command';
import { RevealAlertIdentityUseCase } from './reveal-alert-identity.usecase';
import { RevokeIdentityAccessCommand } from './revoke-identity-access.command';
import { RevokeIdentityAccessUseCase } from './revoke-identity-access.usecase';
import { SearchIdentityReadsCommand } from './search-identity-reads.command';
import { SearchIdentityReadsUseCase } from './search-identity-reads.usecase';

type Req<K extends keyof typeof AlertsRequests> = MessageShape<(typeof AlertsRequests)[K]['request']>;

@Controller()
export class IdentityHandler {
  constructor(
    private readonly revealIdentity: RevealAlertIdentityUseCase,
    private readonly grantAccess: GrantIdentityAccessUseCase,
    private readonly revokeAccess: RevokeIdentityAccessUseCase,
    private readonly listGrants: ListIdentityGrantsUseCase,
    private readonly listReads: ListIdentityReadsUseCase,
    private readonly searchReads: SearchIdentityReadsUseCase,
    // A revealed record goes back sealed to the gateway, never in clear over Kafka.
    private readonly sealerToGateway: PayloadSealer,
  ) {}

  @HandleRequest(AlertsRequests.revealAlertIdentity)
  async reveal(request: Req<'revealAlertIdentity'>, { principal }: RequestContext) {
    const command = RevealAlertIdentityCommand.from(request);
    const child = await this.revealIdentity.execute(command, principal);
    return { sealedChild: await this.sealerToGateway.seal(ChildIdentitySchema, child, revealIdentityContext(command.id)) };
  }

  @HandleRequest(AlertsRequests.grantIdentityAccess)
  async grant(request: Req<'grantIdentityAccess'>, { principal }: RequestContext) {
    const grant = await this.grantAccess.execute(GrantIdentityAccessCommand.from(request), principal);
    return { alertId: grant.alertId, granteeSubject: grant.granteeSubject, grantedAt: timestampFromDate(grant.grantedAt) };
  }

  @HandleRequest(AlertsRequests.revokeIdentityAccess)
  async revoke(request: Req<'revokeIdentityAccess'>, { principal }: RequestContext) {
    return { grant: identityGrantMessage(await this.revokeAccess.execute(RevokeIdentityAccessCommand.from(request), principal)) };
  }

  @HandleRequest(AlertsRequests.listIdentityGrants)
  async grants(request: Req<'listIdentityGrants'>, { principal }: RequestContext) {
    return { grants: (await this.listGrants.execute(AlertIdCommand.from(request), principal)).map(identityGrantMessage) };
  }

  @HandleRequest(AlertsRequests.listIdentityReads)
  async reads(request: Req<'listIdentityReads'>, { principal }: RequestContext) {
    return { reads: (await this.listReads.execute(AlertIdCommand.from(request), principal)).map(identityReadMessage) };
  }

  @HandleRequest(AlertsRequests.searchIdentityReads)
  async auditReads(request: Req<'searchIdentityReads'>, { principal }: RequestContext) {
    const page = await this.searchReads.execute(SearchIdentityReadsCommand.from(request), principal);
    return { ...page, items: page.items.map(identityReadMessage) };
  }
}
