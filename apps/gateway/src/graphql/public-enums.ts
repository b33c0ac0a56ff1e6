/**
 * GraphQL enums from protobuf enums, and the ones more than one feature shows (an agency's
 * type, an alert's kind). Each lists exactly the values of its protobuf enum without the
 * prefix and without UNSPECIFIED (the `PublicValues` type makes a value missing or extra a
 * compile error), so the public names stay stable and readable while proto/ remains the
 * source of truth.
 */
import { registerEnumType } from '@nestjs/graphql';
import { AgencyType, AlertKind } from '@cpx/contracts';

/** The names of a generated protobuf enum, as GraphQL shows them. */
export type PublicName<E> = Exclude<Extract<keyof E, string>, 'UNSPECIFIED'>;
export type PublicValues<E> = { readonly [K in PublicName<E>]: K };

export const AgencyTypeEnum: PublicValues<typeof AgencyType> = {
  CHILD_PROTECTION_AUTHORITY: 'CHILD_PROTECTION_AUTHORITY',
  POLICE: 'POLICE',
  PROSECUTION: 'PROSECUTION',
  COURT: 'COURT',
  NGO: 'NGO',
  SHELTER: 'SHELTER',
  INTERNATIONAL_ORGANISATION: 'INTERNATIONAL_ORGANISATION',
  LABOUR_INSPECTORATE: 'LABOUR_INSPECTORATE',
  HEALTH: 'HEALTH',
  EDUCATION: 'EDUCATION',
};
export type AgencyTypeName = PublicName<typeof AgencyType>;

export const AlertKindEnum: PublicValues<typeof AlertKind> = {
  MISSING_CHILD: 'MISSING_CHILD',
  CHILD_FOUND: 'CHILD_FOUND',
  UNACCOMPANIED_MINOR: 'UNACCOMPANIED_MINOR',
  SUSPECTED_TRAFFICKING: 'SUSPECTED_TRAFFICKING',
  SEXUAL_EXPLOITATION: 'SEXUAL_EXPLOITATION',
  LABOUR_EXPLOITATION: 'LABOUR_EXPLOITATION',
  FORCED_BEGGING: 'FORCED_BEGGING',
  FORCED_CRIMINALITY: 'FORCED_CRIMINALITY',
  FORCED_MARRIAGE: 'FORCED_MARRIAGE',
  OTHER_RISK: 'OTHER_RISK',
};
export type AlertKindName = PublicName<typeof AlertKind>;

registerEnumType(AgencyTypeEnum, { name: 'AgencyType', description: 'What kind of body an agency is.' });
registerEnumType(AlertKindEnum, {
  name: 'AlertKind',
  description: 'The kinds of cross-border alert. Where a focal point or shift has no kind, it covers every kind.',
});
