/**
 * An alert, its target countries, its recipients, its update thread, its sealed child
 * identity and who may read it (the history of reads and grants is the audit log's). The identity lives in its own table, only
 * as ciphertext, so that no query on alerts can select it by accident.
 */
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'alert' })
export class AlertEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'text', name: 'idempotency_key' }) idempotencyKey!: string;
  /** Keyed digest of the post request, to tell a replay from a different post with the same key (request-digest.ts); null once the identity is erased. */
  @Column({ type: 'text', name: 'request_digest', nullable: true }) requestDigest!: string | null;
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) urgency!: string;
  @Column({ type: 'text' }) status!: string;
  @Column({ type: 'char', length: 2, name: 'origin_country' }) originCountry!: string;
  @Column({ type: 'uuid', name: 'origin_agency_id' }) originAgencyId!: string;
  @Column({ type: 'text', name: 'posted_by_subject' }) postedBySubject!: string;
  @Column({ type: 'text', array: true, name: 'target_agency_types', default: '{}' }) targetAgencyTypes!: string[];
  @Column({ type: 'text' }) title!: string;
  @Column({ type: 'text' }) summary!: string;
  @Column({ type: 'text', default: '' }) outcome!: string;
  @Column({ type: 'text', name: 'outcome_note', default: '' }) outcomeNote!: string;
  @Column({ type: 'timestamptz', name: 'posted_at' }) postedAt!: Date;
  @Column({ type: 'timestamptz', name: 'updated_at' }) updatedAt!: Date;
  @Column({ type: 'timestamptz', name: 'ended_at', nullable: true }) endedAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'closed_at', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'boolean', name: 'identity_erased', default: false }) identityErased!: boolean;
  @Column({ type: 'integer' }) version!: number;
}

@Entity({ name: 'alert_target' })
export class AlertTargetEntity {
  @PrimaryColumn({ type: 'uuid', name: 'alert_id' }) alertId!: string;
  @PrimaryColumn({ type: 'char', length: 2 }) country!: string;
  @Column({ type: 'timestamptz' }) deadline!: Date;
  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true }) acknowledgedAt!: Date | null;
  @Column({ type: 'uuid', name: 'acknowledged_by_agency_id', nullable: true }) acknowledgedByAgencyId!: string | null;
  @Column({ type: 'text', name: 'acknowledged_by_subject', nullable: true }) acknowledgedBySubject!: string | null;
  @Column({ type: 'integer', name: 'escalation_level', default: 0 }) escalationLevel!: number;
  /** When the next escalation step is due; null once acknowledged or fully escalated. */
  @Column({ type: 'timestamptz', name: 'next_escalation_at', nullable: true }) nextEscalationAt!: Date | null;
  @Column({ type: 'boolean', default: false }) unrouted!: boolean;
}

@Entity({ name: 'alert_recipient' })
export class AlertRecipientEntity {
  @PrimaryColumn({ type: 'uuid', name: 'alert_id' }) alertId!: string;
  @PrimaryColumn({ type: 'uuid', name: 'professional_id' }) professionalId!: string;
  @Column({ type: 'char', length: 2 }) country!: string;
  @Column({ type: 'uuid', name: 'agency_id' }) agencyId!: string;
  @Column({ type: 'text', nullable: true }) subject!: string | null;
  /** FOCAL_POINT, ON_DUTY or ESCALATION. */
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'timestamptz', name: 'added_at' }) addedAt!: Date;
}

@Entity({ name: 'alert_update' })
export class AlertUpdateEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid', name: 'alert_id' }) alertId!: string;
  @Column({ type: 'text', name: 'author_subject' }) authorSubject!: string;
  @Column({ type: 'uuid', name: 'author_agency_id', nullable: true }) authorAgencyId!: string | null;
  @Column({ type: 'text', name: 'author_country', default: '' }) authorCountry!: string;
  @Column({ type: 'text' }) text!: string;
  @Column({ type: 'text', name: 'sighting_place', nullable: true }) sightingPlace!: string | null;
  @Column({ type: 'timestamptz', name: 'sighting_at', nullable: true }) sightingAt!: Date | null;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt!: Date;
  /** NOTE, or CHILD_FOUND: a target country's report that proposes resolution. */
  @Column({ type: 'text', default: 'NOTE' }) kind!: AlertUpdateKindName;
}

export type AlertUpdateKindName = 'NOTE' | 'CHILD_FOUND';

@Entity({ name: 'child_identity' })
export class ChildIdentityEntity {
  @PrimaryColumn({ type: 'uuid', name: 'alert_id' }) alertId!: string;
  @Column({ type: 'text', name: 'key_id' }) keyId!: string;
  @Column({ type: 'bytea', name: 'wrapped_key' }) wrappedKey!: Buffer;
  @Column({ type: 'bytea' }) ciphertext!: Buffer;
}

/** The originating agency let this attaché read the identity on this alert. */
@Entity({ name: 'identity_grant' })
export class IdentityGrantEntity {
  @PrimaryColumn({ type: 'uuid', name: 'alert_id' }) alertId!: string;
  @PrimaryColumn({ type: 'text', name: 'grantee_subject' }) granteeSubject!: string;
  @Column({ type: 'text', name: 'granted_by_subject' }) grantedBySubject!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'timestamptz', name: 'granted_at' }) grantedAt!: Date;
  /** Set once the originating agency took the grant back; null while it holds. */
  @Column({ type: 'timestamptz', name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
  @Column({ type: 'text', name: 'revoked_by_subject', nullable: true }) revokedBySubject!: string | null;
}
