/**
 * Posting an alert: validate, route to each target country from the directory replica,
 * seal the child's identity, and commit the alert, its recipients, its sealed identity
 * and its AlertPosted event in one transaction. The same idempotency key posts once; the
 * same key with a different body is a conflict, never a second alert (request-digest.ts).
 */
import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertsEvents } from '@cpx/contracts';
import { assertUnreachable, DomainError, queryPrepared, type Principal } from '@cpx/platform';
import { DataSource, QueryFailedError, type EntityManager } from 'typeorm';
import { resolveAlertCaller, type AlertCaller } from '../access/alert-caller';
import { assertAllowed, assertMayPost, canSee, relationTo } from '../access/alert-policy';
import { AlertsConfig } from '../config/alerts.config';
import { IdentityVault, type SealedIdentity } from '../identity/identity-vault';
import { routeToCountry, type Recipient } from '../routing/route-alert';
import { acknowledgementWindowMs, type Urgency } from './alert-lifecycle';
import { alertAudience, alertFacts } from './alert-messages';
import { AlertEntity, AlertRecipientEntity, AlertTargetEntity } from './alert.entities';
import { loadAlert, recordAlertEvent, type LoadedAlert } from './alert-store';
import { normalisedPost, type PostAlertInput } from './post-alert.input';
import { RequestDigests } from './request-digest';

export interface PostAlertCommand {
  input: PostAlertInput;
  /**
   * The child's record as protobuf bytes, normalised: what gets sealed, and what a
   * replay must repeat with the rest of the post.
   */
  sealedPayload: Uint8Array;
}

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
    const input = normalisedPost(command.input);
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
    await assertKnownCountries(manager, targets);

    const now = new Date();
    const alert = manager.create(AlertEntity, {
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
    });

    const windowMs = acknowledgementWindowMs(input.urgency as Urgency, {
      CRITICAL: this.config.ALERTS_ACK_CRITICAL_MS,
      HIGH: this.config.ALERTS_ACK_HIGH_MS,
      NORMAL: this.config.ALERTS_ACK_NORMAL_MS,
    });
    const recipients: Recipient[] = [];
    const unrouted: string[] = [];
    const targetRows: AlertTargetEntity[] = [];
    for (const country of targets.filter((country) => country !== input.originCountry)) {
      const routed = await routeToCountry(manager, { country, kind: input.kind, agencyTypes: alert.targetAgencyTypes, at: now });
      recipients.push(...routed);
      if (routed.length === 0) unrouted.push(country);
      const deadline = new Date(now.getTime() + windowMs);
      targetRows.push(
        manager.create(AlertTargetEntity, {
          alertId: alert.id,
          country,
          deadline,
          acknowledgedAt: null,
          acknowledgedByAgencyId: null,
          acknowledgedBySubject: null,
          escalationLevel: 0,
          nextEscalationAt: deadline,
          unrouted: routed.length === 0,
        }),
      );
    }
    const recipientRows = recipients.map((recipient) =>
      manager.create(AlertRecipientEntity, { alertId: alert.id, ...recipient, addedAt: now }),
    );
    const sealed = this.vault.seal(alert.id, command.sealedPayload);
    await insertPostedAlert(manager, alert, targetRows, recipientRows, sealed);

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
    const replayed = await this.findReplay(manager, normalisedPost(command.input), command.sealedPayload, caller);
    if (!replayed) throw new Error('An alert with this idempotency key was reported but cannot be found.');
    return { posted: replayed, replayed: true };
  }

  private async findReplay(
    manager: EntityManager,
    input: PostAlertInput,
    child: Uint8Array,
    caller: AlertCaller,
  ): Promise<LoadedAlert | undefined> {
    const rows = await queryPrepared<{ id: string; request_digest: string | null }>(
      manager,
      `SELECT id, request_digest FROM alert WHERE posted_by_subject = $1 AND idempotency_key = $2`,
      [caller.principal.subject, input.idempotencyKey],
    );
    const existing = rows[0];
    if (!existing) return undefined;
    const comparison = this.digests.compare(existing.request_digest, input, child);
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

/**
 * The alert, its targets, its recipients and its sealed identity in one statement: one
 * round trip instead of four on the hottest write of the service. Foreign keys are
 * checked at the end of the statement, when every row is in. A second post with the same
 * key fails here on alert_posted_by_subject_idempotency_key_key, as before.
 */
async function insertPostedAlert(
  manager: EntityManager,
  alert: AlertEntity,
  targets: AlertTargetEntity[],
  recipients: AlertRecipientEntity[],
  sealed: SealedIdentity,
): Promise<void> {
  await queryPrepared(
    manager,
    `WITH posted AS (
       INSERT INTO alert (id, idempotency_key, request_digest, kind, urgency, status, origin_country, origin_agency_id, posted_by_subject,
                          target_agency_types, title, summary, outcome, outcome_note, posted_at, updated_at, ended_at, closed_at, identity_erased, version)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text[], $11, $12, $13, $14, $15, $15, NULL, NULL, false, $16)
     ), targeted AS (
       INSERT INTO alert_target (alert_id, country, deadline, acknowledged_at, acknowledged_by_agency_id, acknowledged_by_subject, escalation_level, next_escalation_at, unrouted)
       SELECT $1, country, deadline, NULL, NULL, NULL, 0, deadline, unrouted
       FROM unnest($17::text[], $18::timestamptz[], $19::boolean[]) AS t(country, deadline, unrouted)
     ), routed AS (
       INSERT INTO alert_recipient (alert_id, professional_id, country, agency_id, subject, reason, added_at)
       SELECT $1, professional_id, country, agency_id, subject, reason, $15
       FROM unnest($20::uuid[], $21::text[], $22::uuid[], $23::text[], $24::text[]) AS r(professional_id, country, agency_id, subject, reason)
     )
     INSERT INTO child_identity (alert_id, key_id, wrapped_key, ciphertext) VALUES ($1, $25, $26, $27)`,
    [
      alert.id,
      alert.idempotencyKey,
      alert.requestDigest,
      alert.kind,
      alert.urgency,
      alert.status,
      alert.originCountry,
      alert.originAgencyId,
      alert.postedBySubject,
      alert.targetAgencyTypes,
      alert.title,
      alert.summary,
      alert.outcome,
      alert.outcomeNote,
      alert.postedAt,
      alert.version,
      targets.map((target) => target.country),
      targets.map((target) => target.deadline),
      targets.map((target) => target.unrouted),
      recipients.map((recipient) => recipient.professionalId),
      recipients.map((recipient) => recipient.country),
      recipients.map((recipient) => recipient.agencyId),
      recipients.map((recipient) => recipient.subject),
      recipients.map((recipient) => recipient.reason),
      sealed.keyId,
      sealed.wrappedKey,
      sealed.ciphertext,
    ],
  );
}

/**
 * A country takes part when the directory has an agency there. The list of partner
 * states is data (the directory's), and this service knows it only through its replica.
 */
async function assertKnownCountries(manager: EntityManager, countries: string[]): Promise<void> {
  const rows = await queryPrepared<{ country: string }>(
    manager,
    `SELECT DISTINCT country FROM replica_agency WHERE country = ANY($1::text[])`,
    [countries],
  );
  const known = new Set(rows.map((row) => row.country.trim()));
  const unknown = countries.find((country) => !known.has(country));
  if (unknown) {
    throw DomainError.badInput('input.targetCountries', `input.targetCountries: ${unknown} has no agency in the CPX directory.`);
  }
}
