/** A partner's subscriptions, for its admins and platform admins. Secrets never leave. */
import { Injectable } from '@nestjs/common';
import { requireId, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requirePartnerManager } from './partner-access';
import { requirePartner } from './partner.store';
import { partnerSubscriptions, type SubscriptionRow } from './subscription.store';

@Injectable()
export class ListSubscriptionsUseCase {
  constructor(private readonly dataSource: DataSource) {}

  async execute(partnerId: string, principal: Principal): Promise<SubscriptionRow[]> {
    const id = requireId(partnerId, 'partnerId');
    requirePartnerManager(principal, id);
    await requirePartner(this.dataSource.manager, id);
    return partnerSubscriptions(this.dataSource.manager, id);
  }
}
