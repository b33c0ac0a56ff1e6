import { postAlertContext, type PayloadSealer } from '@cpx/platform';
import { ChildIdentitySchema } from '@cpx/contracts';
/** Alerts, their targets, updates, identity reads and figures between GraphQL and protobuf. */
import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  AgencyType,
  AlertKind,
  AlertStatus,
  AlertUpdateKind,
  Outcome,
  Urgency,
  type AddAlertUpdateRequestSchema,
  type Alert,
  type AlertFilterSchema,
  type AlertTarget,
  type AlertUpdate,
  type CountryFigures,
  type IdentityGrant,
  type IdentityRead,
  type PostAlertRequestSchema,
} from '@cpx/contracts';
import { dateOf, enumName, enumValue, optionalDateOf, requiredEnumName, textOrNull, timestampOf } from '../../graphql/proto-values';
import type { AddAlertUpdateInput, AlertFilterInput } from '../inputs/alert-args.input';
import { checkPostAlert, type PostAlertInput } from '../inputs/post-alert.input';
import type { AlertTargetObject } from '../types/alert.type';
import { AlertObject } from '../types/alert.type';
import type { AlertUpdateObject } from '../types/alert-update.type';
import type { CountryFiguresObject } from '../types/country-figures.type';
import type { IdentityGrantObject, IdentityReadObject } from '../types/identity-read.type';
import { childIdentityToProto } from './child-identity.mapper';

export function toAlert(alert: Alert, updates?: AlertUpdate[]): AlertObject {
  return Object.assign(new AlertObject(), {
    id: alert.id,
    kind: requiredEnumName(AlertKind, alert.kind, 'alert.kind'),
    urgency: requiredEnumName(Urgency, alert.urgency, 'alert.urgency'),
    status: requiredEnumName(AlertStatus, alert.status, 'alert.status'),
    originCountry: alert.originCountry,
    originAgencyId: alert.originAgencyId,
    postedBySubject: alert.postedBySubject,
    targets: alert.targets.map(toAlertTarget),
    // A type this gateway does not know yet is left out rather than failing the whole alert.
    targetAgencyTypes: alert.targetAgencyTypes.map((type) => enumName(AgencyType, type)).filter((name) => name !== null),
    title: alert.title,
    summary: alert.summary,
    outcome: enumName(Outcome, alert.outcome),
    outcomeNote: textOrNull(alert.outcomeNote),
    postedAt: dateOf(alert.postedAt, 'alert.posted_at'),
    updatedAt: dateOf(alert.updatedAt, 'alert.updated_at'),
    closedAt: optionalDateOf(alert.closedAt),
    version: Number(alert.version),
    identityErased: alert.identityErased,
    ...(updates ? { loadedUpdates: updates.map(toAlertUpdate) } : {}),
  });
}

export function toAlertTarget(target: AlertTarget): AlertTargetObject {
  return {
    country: target.country,
    deadline: dateOf(target.deadline, 'target.deadline'),
    acknowledgedAt: optionalDateOf(target.acknowledgedAt),
    acknowledgedByAgencyId: textOrNull(target.acknowledgedByAgencyId),
    escalationLevel: target.escalationLevel,
    unrouted: target.unrouted,
    recipientCount: target.recipientCount,
  };
}

export function toAlertUpdate(update: AlertUpdate): AlertUpdateObject {
  return {
    id: update.id,
    alertId: update.alertId,
    authorSubject: update.authorSubject,
    authorAgencyId: textOrNull(update.authorAgencyId),
    authorCountry: textOrNull(update.authorCountry),
    kind: update.kind === AlertUpdateKind.CHILD_FOUND ? 'CHILD_FOUND' : 'NOTE',
    text: update.text,
    sighting: update.sighting ? { place: update.sighting.place, seenAt: dateOf(update.sighting.seenAt, 'sighting.seen_at') } : null,
    createdAt: dateOf(update.createdAt, 'update.created_at'),
  };
}

export function toIdentityRead(read: IdentityRead): IdentityReadObject {
  return {
    alertId: textOrNull(read.alertId),
    readerSubject: read.readerSubject,
    readerAgencyId: textOrNull(read.readerAgencyId),
    readerCountry: textOrNull(read.readerCountry),
    purpose: read.purpose,
    readAt: dateOf(read.readAt, 'read.read_at'),
  };
}

export function toIdentityGrant(grant: IdentityGrant): IdentityGrantObject {
  return {
    alertId: grant.alertId,
    granteeSubject: grant.granteeSubject,
    grantedAt: dateOf(grant.grantedAt, 'grant.granted_at'),
    grantedBySubject: textOrNull(grant.grantedBySubject),
    reason: textOrNull(grant.reason),
    revokedAt: grant.revokedAt ? dateOf(grant.revokedAt, 'grant.revoked_at') : null,
    revokedBySubject: textOrNull(grant.revokedBySubject),
  };
}

export function toCountryFigures(figures: CountryFigures): CountryFiguresObject {
  return {
    country: figures.country,
    open: figures.open,
    overdue: figures.overdue,
    acknowledged: figures.acknowledged,
    medianSecondsToAcknowledge: figures.acknowledged > 0 ? Number(figures.medianSecondsToAcknowledge) : null,
  };
}

/**
 * The request as it goes on Kafka: the child's record sealed to the alerts service, once the
 * post keeps the contracts' rules for posts (checkPostAlert), so that its user learns what
 * to fix before anything is sent.
 */
export async function postAlertRequest(input: PostAlertInput, sealerToAlerts: PayloadSealer): Promise<MessageInitShape<typeof PostAlertRequestSchema>> {
  checkPostAlert(input);
  return {
    idempotencyKey: input.idempotencyKey,
    kind: enumValue(AlertKind, input.kind),
    urgency: enumValue(Urgency, input.urgency),
    originCountry: input.originCountry,
    targetCountries: input.targetCountries,
    targetAgencyTypes: input.targetAgencyTypes.map((type) => enumValue(AgencyType, type)),
    title: input.title,
    summary: input.summary,
    sealedChild: await sealerToAlerts.seal(ChildIdentitySchema, childIdentityToProto(input.child), postAlertContext(input.idempotencyKey)),
  };
}

export function addAlertUpdateRequest(id: string, input: AddAlertUpdateInput): MessageInitShape<typeof AddAlertUpdateRequestSchema> {
  return {
    id,
    text: input.text,
    sighting: input.sighting ? { place: input.sighting.place, seenAt: timestampOf(input.sighting.seenAt) } : undefined,
  };
}

export function alertFilterToProto(filter: AlertFilterInput | null | undefined): MessageInitShape<typeof AlertFilterSchema> {
  return {
    status: enumValue(AlertStatus, filter?.status),
    kind: enumValue(AlertKind, filter?.kind),
    urgency: enumValue(Urgency, filter?.urgency),
    country: filter?.country ?? '',
    overdueOnly: filter?.overdueOnly ?? false,
  };
}
