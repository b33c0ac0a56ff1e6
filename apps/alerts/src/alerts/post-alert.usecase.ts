/**
 * Posting an alert: route to each target country from the directory replica, seal the
 * child's identity, and commit the alert, its recipients, its sealed identity and its
 * AlertPosted event in one transaction. The same idempotency key posts once; the same key
 * with a different body is a conflict, never a second alert (domain/request-digest.ts).
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents } from '@cpx/contracts';
import { assertUnreachable, DomainError, type Principal } from '@cpx/platform';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { resolveAlertCaller } from '../access/alert-caller';
import { assertAllowed, assertMayPost, canSee, relationTo } from '../access/domain/alert-policy';
import type { AlertCaller } from '../access/domain/caller';
import { AlertsConfig } from '../config/alerts.config';
import { countriesWithAgencies } from '../directory-replica/replica.store';
import { IdentityVault } from '../identity/identity-vault';
import { isUnrouted } from '../routing/domain/recipients';
import { recipientsInCountry, type Recipient } from '../routing/recipient.store';
import { recordAlertEvent } from './alert-events';
import { alertAudience, alertFacts } from './alert.mapper';
import { findPostByKey, insertPostedAlert, loadAlert, type AlertRecipientRow, type AlertRow, type AlertTargetRow, type LoadedAlert } from './alert.store';
import { acknowledgementWindowMs, type Urgency } from './domain/alert-lifecycle';
import { RequestDigests } from './domain/request-digest';
import type { PostAlertCommand } from './post-alert.command';
import type { PostAlertInput } from './post-alert.input';

@Injectable()
export class PostAlertUseCase {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vault: IdentityVault,
    private readonly digests: RequestDigests,
    @Inject(AlertsConfig) private readonly config: AlertsConfig,
  ) {}

  async execute(command: PostAlertCommand, principal: Principal): Promise<{ posted: LoadedAlert; replayed: boolean }> {
    try {
      return await this.dataSource.transaction((manager) => this.post(manager, command, principal));
    } catch (error) {
      // Two identical posts raced: the other one won; answer as a replay of it.
      if (error instanceof QueryFailedError && (error.driverError as { constraint?: string }).constraint === 'alert_posted_by_subject_idempotency_key_key') {
        return this.dataSource.transaction((manager) => this.replay(manager, command, principal));
      }
      throw error;
    }
  }

  private async post(manager: EntityManager, command: PostAlertCommand, principal: Principal) {
    const input = command.input;
    // Who asks comes first, replay or not: a replay answers with the alert as it is now,
    // which a suspended professional (or one who left the agency) must no longer read.
    const caller = await resolveAlertCaller(principal, manager);
    assertMayPost(caller);
    const replayed = await this.findReplay(manager, input, command.sealedPayload, caller);
    if (replayed) return { posted: replayed, replayed: true };

    if (input.originCountry !== caller.agency.country) {
      throw DomainError.badInput('input.originCountry', 'input.originCountry must be the country of your agency.');
    }
    const targets = input.targetCountries;
    if (targets.every((country) => country === input.originCountry)) {
      throw DomainError.badInput('input.targetCountries', 'input.targetCountries must name at least one country other than the origin.');
    }
    // A country takes part when the directory has an agency there: the list of partner
    // states is data (the directory's), and this service knows it only through its replica.
    const known = await countriesWithAgencies(manager, targets);
    const unknown = targets.find((country) => !known.has(country));
    if (unknown) throw DomainError.badInput('input.targetCountries', `input.targetCountries: ${unknown} has no agency in the CPX directory.`);

    const now = new Date();
    const alert: AlertRow = {
      id: randomUUID(),
      idempotencyKey: input.idempotencyKey,
      requestDigest: this.digests.digest(input, command.sealedPayload),
      kind: input.kind,
      urgency: input.urgency,
      status: 'POSTED',
      originCountry: input.originCountry,
      originAgencyId: caller.agency.id,
      postedBySubject: principal.subject,
      targetAgencyTypes: input.targetAgencyTypes,
      title: input.title,
      summary: input.summary,
      outcome: '',
      outcomeNote: '',
      postedAt: now,
      updatedAt: now,
      endedAt: null,
      closedAt: null,
      identityErased: false,
      version: 1,
    };
    const windowMs = acknowledgementWindowMs(input.urgency as Urgency, {
      CRITICAL: this.config.ALERTS_ACK_CRITICAL_MS,
      HIGH: this.config.ALERTS_ACK_HIGH_MS,
      NORMAL: this.config.ALERTS_ACK_NORMAL_MS,
    });
    const recipients: Recipient[] = [];
    const unrouted: string[] = [];
    const targetRows: AlertTargetRow[] = [];
    for (const country of targets.filter((country) => country !== input.originCountry)) {
      const routed = await recipientsInCountry(manager, { country, kind: input.kind, agencyTypes: alert.targetAgencyTypes, at: now });
      recipients.push(...routed);
      if (isUnrouted(routed)) unrouted.push(country);
      const deadline = new Date(now.getTime() + windowMs);
      targetRows.push({
        alertId: alert.id,
        country,
        deadline,
        acknowledgedAt: null,
        acknowledgedByAgencyId: null,
        acknowledgedBySubject: null,
        escalationLevel: 0,
        nextEscalationAt: deadline,
        unrouted: isUnrouted(routed),
      });
    }
    const recipientRows: AlertRecipientRow[] = recipients.map((recipient) => ({ alertId: alert.id, ...recipient, addedAt: now }));
    await insertPostedAlert(manager, alert, targetRows, recipientRows, this.vault.seal(alert.id, command.sealedPayload));

    await recordAlertEvent(
      manager,
      alert.id,
      AlertsEvents.types.alertPosted,
      {
        alert: alertFacts(alert, targetRows.map((target) => target.country)),
        audience: alertAudience(alert, recipientRows),
        unroutedCountries: unrouted,
        occurredAt: timestampFromDate(now),
      },
      now,
    );
    return { posted: { alert, targets: targetRows, recipients: recipientRows }, replayed: false };
  }

  private async replay(manager: EntityManager, command: PostAlertCommand, principal: Principal) {
    const caller = await resolveAlertCaller(principal, manager);
    assertMayPost(caller);
    const replayed = await this.findReplay(manager, command.input, command.sealedPayload, caller);
    if (!replayed) throw new Error('An alert with this idempotency key was reported but cannot be found.');
    return { posted: replayed, replayed: true };
  }

  private async findReplay(manager: EntityManager, input: PostAlertInput, child: Uint8Array, caller: AlertCaller): Promise<LoadedAlert | undefined> {
    const existing = await findPostByKey(manager, caller.principal.subject, input.idempotencyKey);
    if (!existing) return undefined;
    const comparison = this.digests.compare(existing.requestDigest, input, child);
    switch (comparison) {
      case 'same':
        break;
      case 'different':
        throw DomainError.conflict(
          'This idempotency key was already used for a different alert. Use a new key for a new alert.',
          'input.idempotencyKey',
        );
      case 'unknown':
        // Once the child's record is erased, nothing is kept to compare a request with.
        // Refusing is the safe answer either way: "replayed" could hide that a new alert
        // about a child was never posted, and the answer does not depend on the child, so
        // it confirms nothing about the erased identity.
        throw DomainError.conflict(
          'This idempotency key was already used for an alert that can no longer be compared with this request. Use a new key for a new alert.',
          'input.idempotencyKey',
        );
      default:
        assertUnreachable(comparison);
    }
    const loaded = await loadAlert(manager, existing.id);
    const relation = relationTo(caller, { originAgencyId: loaded.alert.originAgencyId, recipients: loaded.recipients });
    assertAllowed(canSee(relation), 'see', relation);
    return loaded;
  }
}
