/**
 * Whether this caller may follow alert changes live: asked by the gateway before it opens
 * an `alertChanged` subscription, and again while the subscription runs. The gateway
 * matches each change to its subscribers by the token's claims; only this service's
 * replica of the directory knows that a professional has since been suspended.
 */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { resolveAlertCaller } from './alert-caller';
import { assertMayFollowLive } from './domain/alert-policy';

@Injectable()
export class CheckLiveAccessUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<void> {
    assertMayFollowLive(await resolveAlertCaller(principal, this.dataSource.manager));
  }
}
