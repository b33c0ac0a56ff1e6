/**
 * Answers the gateway before it opens an `alertChanged` subscription, and again while the
 * subscription runs: whether this caller may follow alert changes live. The gateway
 * matches each change to its subscribers by the token's claims; only this service's
 * replica of the directory knows that a professional has since been suspended.
 */
import { Controller } from '@nestjs/common';
import { AlertsRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from './alert-caller';
import { assertMayFollowLive } from './alert-policy';

@Controller()
export class LiveAccessHandler {
  constructor(private readonly dataSource: DataSource) {}

  @HandleRequest(AlertsRequests.checkLiveAccess)
  async check(_request: unknown, { principal }: RequestContext) {
    assertMayFollowLive(await resolveAlertCaller(principal, this.dataSource.manager));
    return {};
  }
}
