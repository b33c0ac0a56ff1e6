/** Kafka adapter for the gateway's live-subscription check (check-live-access.usecase.ts). */
import { Controller } from '@nestjs/common';
import { AlertsRequests } from '@cpx/contracts';
import { HandleRequest, type RequestContext } from '@cpx/platform';
import { CheckLiveAccessUseCase } from './check-live-access.usecase';

@Controller()
export class LiveAccessHandler {
  constructor(private readonly checkLiveAccess: CheckLiveAccessUseCase) {}

  @HandleRequest(AlertsRequests.checkLiveAccess)
  async check(_request: unknown, { principal }: RequestContext) {
    await this.checkLiveAccess.execute(principal);
    return {};
  }
}
