/**
 * Alert rows to protobuf, and the facts and audience every alert event carries; protobuf
 * enums to the names stored. The identity is not here: it leaves the service only through
 * RevealAlertIdentity.
 */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DomainError } from '@cpx/platform';
import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  AlertUpdateKind,
  AgencyType,
  AlertKind,
  AlertStatus,
  Outcome,
  Urgency,
  type AlertAudienceSchema,
  type AlertFactsSchema,
  type AlertSchema,
  type AlertUpdateSchema,
} from '@cpx/contracts';
import type { AlertUpdateRow } from './alert-update.store';
import type { AlertRecipientRow, AlertRow, AlertTargetRow, LoadedAlert } from './alert.store';

export function alertMessage(
  alert: AlertRow,
  targets: AlertTargetRow[],
  recipientCounts: ReadonlyMap<string, number> = new Map(),
): MessageInitShape<typeof AlertSchema> {
  return {
    id: alert.id,
    kind: AlertKind[alert.kind as keyof typeof AlertKind] ?? AlertKind.UNSPECIFIED,
    urgency: Urgency[alert.urgency as keyof typeof Urgency] ?? Urgency.UNSPECIFIED,
    status: AlertStatus[alert.status as keyof typeof AlertStatus] ?? AlertStatus.UNSPECIFIED,
    originCountry: alert.originCountry,
    originAgencyId: alert.originAgencyId,
    postedBySubject: alert.postedBySubject,
    targets: targets.map((target) => ({
      country: target.country,
      deadline: timestampFromDate(target.deadline),
      acknowledgedAt: target.acknowledgedAt ? timestampFromDate(target.acknowledgedAt) : undefined,
      acknowledgedByAgencyId: target.acknowledgedByAgencyId ?? '',
      escalationLevel: target.escalationLevel,
      unrouted: target.unrouted,
      recipientCount: recipientCounts.get(target.country) ?? 0,
    })),
    targetAgencyTypes: alert.targetAgencyTypes.map((type) => AgencyType[type as keyof typeof AgencyType] ?? AgencyType.UNSPECIFIED),
    title: alert.title,
    summary: alert.summary,
    outcome: alert.outcome ? (Outcome[alert.outcome as keyof typeof Outcome] ?? Outcome.UNSPECIFIED) : Outcome.UNSPECIFIED,
    outcomeNote: alert.outcomeNote,
    postedAt: timestampFromDate(alert.postedAt),
    updatedAt: timestampFromDate(alert.updatedAt),
    closedAt: alert.closedAt ? timestampFromDate(alert.closedAt) : undefined,
    version: BigInt(alert.version),
    identityErased: alert.identityErased,
  };
}

export function alertFacts(alert: AlertRow, targetCountries: string[]): MessageInitShape<typeof AlertFactsSchema> {
  return {
    alertId: alert.id,
    kind: AlertKind[alert.kind as keyof typeof AlertKind] ?? AlertKind.UNSPECIFIED,
    urgency: Urgency[alert.urgency as keyof typeof Urgency] ?? Urgency.UNSPECIFIED,
    status: AlertStatus[alert.status as keyof typeof AlertStatus] ?? AlertStatus.UNSPECIFIED,
    originCountry: alert.originCountry,
    originAgencyId: alert.originAgencyId,
    targetCountries,
    postedAt: timestampFromDate(alert.postedAt),
    version: BigInt(alert.version),
  };
}

export function alertAudience(alert: AlertRow, recipients: Pick<AlertRecipientRow, 'subject' | 'agencyId'>[]): MessageInitShape<typeof AlertAudienceSchema> {
  return {
    memberAgencyIds: [alert.originAgencyId],
    adminAgencyIds: [...new Set(recipients.map((recipient) => recipient.agencyId))],
    subjects: [...new Set(recipients.map((recipient) => recipient.subject).filter((subject): subject is string => !!subject))],
    curators: true,
  };
}

export function updateMessage(update: AlertUpdateRow): MessageInitShape<typeof AlertUpdateSchema> {
  return {
    id: update.id,
    alertId: update.alertId,
    authorSubject: update.authorSubject,
    authorAgencyId: update.authorAgencyId ?? '',
    authorCountry: update.authorCountry,
    text: update.text,
    sighting: update.sightingPlace !== null || update.sightingAt !== null
      ? { place: update.sightingPlace ?? '', seenAt: update.sightingAt ? timestampFromDate(update.sightingAt) : undefined }
      : undefined,
    createdAt: timestampFromDate(update.createdAt),
    kind: update.kind === 'CHILD_FOUND' ? AlertUpdateKind.CHILD_FOUND : AlertUpdateKind.NOTE,
  };
}

/** An alert as its operations answer it: with each target country's count of recipients. */
export function loadedAlertMessage(loaded: LoadedAlert): MessageInitShape<typeof AlertSchema> {
  return alertMessage(loaded.alert, loaded.targets, recipientCounts(loaded.recipients));
}

export function recipientCounts(recipients: readonly Pick<AlertRecipientRow, 'country'>[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const recipient of recipients) counts.set(recipient.country, (counts.get(recipient.country) ?? 0) + 1);
  return counts;
}

/** The name of a protobuf enum value as stored; BAD_USER_INPUT on the field when unset (unless optional) or unknown. */
export function enumName<E extends Record<string, string | number>>(values: E, value: number, field: string): string;
export function enumName<E extends Record<string, string | number>>(values: E, value: number, field: string, required: boolean): string | undefined;
export function enumName<E extends Record<string, string | number>>(values: E, value: number, field: string, required = true): string | undefined {
  const name = values[value as unknown as keyof E];
  if (typeof name !== 'string' || name === 'UNSPECIFIED') {
    if (!required && value === 0) return undefined;
    throw DomainError.badInput(field, `${field} is missing or not a known value.`);
  }
  return name;
}
