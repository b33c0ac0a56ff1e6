/**
 * The directory's own GraphQL enums (AgencyType and AlertKind, which alerts show too, are
 * in graphql/public-enums.ts). Each lists exactly the values of its protobuf enum without
 * the prefix and without UNSPECIFIED (`PublicValues`).
 */
import { registerEnumType } from '@nestjs/graphql';
import { ContactKind, ContactReason, ProfessionalRole, VerificationStatus } from '@cpx/contracts';
import { type PublicName, type PublicValues } from '../../graphql/public-enums';

export const ProfessionalRoleEnum: PublicValues<typeof ProfessionalRole> = {
  SOCIAL_WORKER: 'SOCIAL_WORKER',
  POLICE_OFFICER: 'POLICE_OFFICER',
  PROSECUTOR: 'PROSECUTOR',
  JUDGE: 'JUDGE',
  NGO_CASE_WORKER: 'NGO_CASE_WORKER',
  LABOUR_INSPECTOR: 'LABOUR_INSPECTOR',
  EDUCATOR: 'EDUCATOR',
  OTHER: 'OTHER',
};
export type ProfessionalRoleName = PublicName<typeof ProfessionalRole>;

export const VerificationStatusEnum: PublicValues<typeof VerificationStatus> = {
  INVITED: 'INVITED',
  VERIFIED: 'VERIFIED',
  SUSPENDED: 'SUSPENDED',
};
export type VerificationStatusName = PublicName<typeof VerificationStatus>;

export const ContactKindEnum: PublicValues<typeof ContactKind> = {
  EMAIL: 'EMAIL',
  PHONE: 'PHONE',
  OTHER: 'OTHER',
};
export type ContactKindName = PublicName<typeof ContactKind>;

export const ContactReasonEnum: PublicValues<typeof ContactReason> = {
  FOCAL_POINT: 'FOCAL_POINT',
  ON_DUTY: 'ON_DUTY',
};
export type ContactReasonName = PublicName<typeof ContactReason>;

registerEnumType(ProfessionalRoleEnum, { name: 'ProfessionalRole' });
registerEnumType(VerificationStatusEnum, {
  name: 'VerificationStatus',
  description: 'Invited by an agency admin, verified (may act on alerts), or suspended.',
});
registerEnumType(ContactKindEnum, { name: 'ContactKind' });
registerEnumType(ContactReasonEnum, { name: 'ContactReason', description: 'Why a professional is proposed as a contact.' });
