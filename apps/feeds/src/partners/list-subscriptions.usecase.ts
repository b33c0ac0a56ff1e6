/** A partner's subscriptions, for its admins and platform admins. Secrets never leave. */
import { Injectable } from '@nestjs/common';
import type { Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import type { ListSubscriptionsCommand } from './list-subscriptions.command';
import { requirePartnerManager } from './domain/partner-access';
import { requirePartner } from './partner.store';
import { partnerSubscriptions, type SubscriptionRow } from './subscription.store';

@Injectable()
export class ListSubscriptionsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute({ partnerId: id }: ListSubscriptionsCommand, principal: Principal): Promise<SubscriptionRow[]> {
    requirePartnerManager(principal, id);
    await requirePartner(this.dataSource.manager, id);
    return partnerSubscriptions(this.dataSource.manager, id);
  }
}
