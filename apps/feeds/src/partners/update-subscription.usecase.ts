/**
 * A partner's admin (or a platform admin) changes a subscription in place, instead of
 * deleting it and creating another (a new id and secret, and the old one's pending and
 * failed deliveries dropped): its webhook URL, event types, countries or payload mode.
 * The same rules as on create (update-subscription.command.ts, and the SSRF guard for a new URL);
 * the secret is unchanged. `expectedVersion`, when given, must be the subscription's
 * version (CONFLICT otherwise); an update that changes nothing is answered as it is,
 * neither refused nor counted, so a retried update is harmless.
 *
 * What becomes of deliveries already made:
 * - a new webhook URL takes every delivery not yet sent: pending, parked, and failed ones
 *   redelivered later (the claim reads the URL as it sends). It is a new endpoint: its run
 *   of failures and any Retry-After pause of the old one are dropped. A disabled endpoint
 *   stays disabled until enabled (enable-subscription.usecase.ts).
 * - new event types and countries match the events recorded from now on; those recorded
 *   before keep their deliveries.
 * - a new payload mode applies to the deliveries of events recorded from now on: every
 *   attempt and resend of one delivery carries the same body (the mode is recorded with
 *   each delivery; rows from before that was so get the old mode written in first).
 * A webhook URL cannot be removed (a pull-only subscription needs no secret: delete this
 * one and create one without a URL).
 */
import { Injectable } from '@nestjs/common';
import { DomainError, type Principal } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { requireCountriesOfPartner } from './domain/subscription-rules';
import { EndpointGuard } from './endpoint-guard';
import { requirePartnerManager } from './domain/partner-access';
import { requirePartner } from './partner.store';
import {
  findSubscription,
  keepModeOfEarlierDeliveries,
  lockSubscription,
  updateSubscriptionSettings,
  type SubscriptionRow,
  type SubscriptionSettings as Settings,
} from './subscription.store';
import type { UpdateSubscriptionCommand } from './update-subscription.command';

@Injectable()
export class UpdateSubscriptionUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly guard: EndpointGuard,
  ) {}

  /** Absent fields of the command keep their value. */
  async execute(changes: UpdateSubscriptionCommand, principal: Principal): Promise<SubscriptionRow> {
    const id = changes.id;
    requirePartnerManager(principal, (await findSubscription(this.dataSource.manager, id)).partnerId);
    // Before any lock: resolving a host name may take seconds.
    const refusal = changes.webhookUrl ? await this.guard.refusal(changes.webhookUrl) : undefined;
    if (refusal) throw DomainError.badInput('input.webhookUrl', `input.webhookUrl ${refusal.message}.`);
    return this.dataSource.transaction(async (tx) => {
      // Not FOR UPDATE: that would block deliveries being recorded for it (their foreign
      // key check), and every recording waits for the one before.
      await lockSubscription(tx, id);
      const current = await findSubscription(tx, id);
      const partner = await requirePartner(tx, current.partnerId);
      const next: Settings = {
        webhookUrl: changes.webhookUrl ?? current.webhookUrl,
        eventTypes: changes.eventTypes ?? current.eventTypes,
        countries: changes.countries ? requireCountriesOfPartner(changes.countries, partner, 'input.countries') : current.countries,
        payloadMode: changes.payloadMode ?? current.payloadMode,
      };
      if (sameSettings(current, next)) return current;
      if (changes.expectedVersion !== undefined && changes.expectedVersion !== current.version) {
        throw DomainError.conflict(`The subscription changed meanwhile (version ${current.version}); reload it and try again.`, 'input.expectedVersion');
      }
      if (next.payloadMode !== current.payloadMode) await keepModeOfEarlierDeliveries(tx, id, current.payloadMode);
      await updateSubscriptionSettings(tx, id, next, next.webhookUrl !== current.webhookUrl);
      return findSubscription(tx, id);
    });
  }
}

function sameSettings(current: Settings, next: Settings): boolean {
  const same = (a: string[], b: string[]) => a.length === b.length && a.every((value, index) => value === b[index]);
  return (
    current.webhookUrl === next.webhookUrl &&
    same(current.eventTypes, next.eventTypes) &&
    same(current.countries, next.countries) &&
    current.payloadMode === next.payloadMode
  );
}

