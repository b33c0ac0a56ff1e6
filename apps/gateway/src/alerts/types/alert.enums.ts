/**
 * The alerts' GraphQL enums: each proto enum without its prefix and without UNSPECIFIED
 * (a value missing or extra is a compile error), as the directory's enums do. AlertKind
 * and AgencyType are the directory's own GraphQL enums, reused: one name per concept.
 */
import { registerEnumType } from '@nestjs/graphql';
import { AlertStatus, AlertUpdateKind, Outcome, Sex, Urgency } from '@cpx/contracts';
import type { PublicName, PublicValues } from '../../graphql/public-enums';


export const UrgencyEnum: PublicValues<typeof Urgency> = { CRITICAL: 'CRITICAL', HIGH: 'HIGH', NORMAL: 'NORMAL' };
export type UrgencyName = PublicName<typeof Urgency>;

export const AlertStatusEnum: PublicValues<typeof AlertStatus> = {
  POSTED: 'POSTED',
  IN_PROGRESS: 'IN_PROGRESS',
  RESOLVED: 'RESOLVED',
  CANCELLED: 'CANCELLED',
  CLOSED: 'CLOSED',
};
export type AlertStatusName = PublicName<typeof AlertStatus>;

export const OutcomeEnum: PublicValues<typeof Outcome> = {
  FOUND_SAFE: 'FOUND_SAFE',
  RETURNED_TO_FAMILY: 'RETURNED_TO_FAMILY',
  PLACED_IN_CARE: 'PLACED_IN_CARE',
  REFERRED_TO_PROSECUTION: 'REFERRED_TO_PROSECUTION',
  OTHER: 'OTHER',
};
export type OutcomeName = PublicName<typeof Outcome>;

export const AlertUpdateKindEnum: PublicValues<typeof AlertUpdateKind> = { NOTE: 'NOTE', CHILD_FOUND: 'CHILD_FOUND' };
export type AlertUpdateKindName = PublicName<typeof AlertUpdateKind>;

export const SexEnum: PublicValues<typeof Sex> = { FEMALE: 'FEMALE', MALE: 'MALE', OTHER: 'OTHER', UNKNOWN: 'UNKNOWN' };
export type SexName = PublicName<typeof Sex>;

/** What happened to an alert, as the live subscription reports it: one per domain event that has an audience. */
export const AlertChangeTypeEnum = {
  POSTED: 'POSTED',
  ACKNOWLEDGED: 'ACKNOWLEDGED',
  ESCALATED: 'ESCALATED',
  UPDATE_ADDED: 'UPDATE_ADDED',
  CHILD_FOUND_REPORTED: 'CHILD_FOUND_REPORTED',
  RESOLVED: 'RESOLVED',
  CANCELLED: 'CANCELLED',
  CLOSED: 'CLOSED',
} as const;
export type AlertChangeTypeName = keyof typeof AlertChangeTypeEnum;

registerEnumType(UrgencyEnum, {
  name: 'Urgency',
  description: 'How fast each target country must acknowledge: CRITICAL within 1 h, HIGH 24 h, NORMAL 72 h (per deployment).',
});
registerEnumType(AlertStatusEnum, {
  name: 'AlertStatus',
  description: 'POSTED -> IN_PROGRESS (once a target country acknowledged) -> RESOLVED or CANCELLED -> CLOSED.',
});
registerEnumType(OutcomeEnum, { name: 'Outcome', description: 'How a resolved alert ended.' });
registerEnumType(SexEnum, { name: 'Sex' });
registerEnumType(AlertUpdateKindEnum, {
  name: 'AlertUpdateKind',
  description: 'NOTE: a message, perhaps with a sighting. CHILD_FOUND: a target country reports the child found (reportChildFound) and proposes that the originating agency resolve the alert.',
});
registerEnumType(AlertChangeTypeEnum, {
  name: 'AlertChangeType',
  valuesMap: { CHILD_FOUND_REPORTED: { description: 'A target country reported the child found: the originating agency may now resolve the alert.' } },
});
