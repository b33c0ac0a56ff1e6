import type { MessageInitShape } from '@bufbuild/protobuf';
import {
  AgencyType,
  ProfessionalRole,
  VerificationStatus,
  type Professional,
  type ProfessionalFilterSchema,
  type RegisterProfessionalRequestSchema,
  type UpdateProfessionalRequestSchema,
} from '@cpx/contracts';
import type { ProfessionalFilterInput, RegisterProfessionalInput, UpdateProfessionalInput } from '../inputs/professional.input';
import type { ProfessionalObject } from '../types/professional.type';
import { toAgencySummary } from './agency.mapper';
import { contactToProto, toContact } from './contact.mapper';
import { dateOf, enumValue, optionalVersion, requiredEnumName, textOrNull } from '../../graphql/proto-values';

export function toProfessional(professional: Professional): ProfessionalObject {
  return {
    id: professional.id,
    agencyId: professional.agencyId,
    agency: professional.agency ? toAgencySummary(professional.agency) : null,
    givenName: professional.givenName,
    familyName: professional.familyName,
    role: requiredEnumName(ProfessionalRole, professional.role, 'professional.role'),
    languages: professional.languages,
    expertise: professional.expertise,
    contacts: professional.contacts.map(toContact),
    status: requiredEnumName(VerificationStatus, professional.status, 'professional.status'),
    subject: textOrNull(professional.subject),
    suspensionReason: textOrNull(professional.suspensionReason),
    createdAt: dateOf(professional.createdAt, 'professional.created_at'),
    updatedAt: dateOf(professional.updatedAt, 'professional.updated_at'),
    version: Number(professional.version),
  };
}

export function registerProfessionalRequest(
  input: RegisterProfessionalInput,
): MessageInitShape<typeof RegisterProfessionalRequestSchema> {
  return {
    agencyId: input.agencyId,
    givenName: input.givenName,
    familyName: input.familyName,
    role: enumValue(ProfessionalRole, input.role),
    languages: input.languages,
    expertise: input.expertise,
    contacts: input.contacts.map(contactToProto),
    subject: input.subject ?? undefined,
  };
}

/** Absent and null both mean "leave unchanged"; a list that is set replaces the whole list. */
export function updateProfessionalRequest(
  id: string,
  input: UpdateProfessionalInput,
): MessageInitShape<typeof UpdateProfessionalRequestSchema> {
  return {
    id,
    givenName: input.givenName ?? undefined,
    familyName: input.familyName ?? undefined,
    role: input.role ? enumValue(ProfessionalRole, input.role) : undefined,
    languages: input.languages ? { languages: input.languages } : undefined,
    expertise: input.expertise ? { expertise: input.expertise } : undefined,
    contacts: input.contacts ? { contacts: input.contacts.map(contactToProto) } : undefined,
    subject: input.subject ?? undefined,
    expectedVersion: optionalVersion(input.expectedVersion),
  };
}

export function professionalFilterToProto(
  filter: ProfessionalFilterInput | null | undefined,
): MessageInitShape<typeof ProfessionalFilterSchema> {
  return {
    country: filter?.country ?? '',
    agencyId: filter?.agencyId ?? '',
    agencyType: enumValue(AgencyType, filter?.agencyType),
    role: enumValue(ProfessionalRole, filter?.role),
    language: filter?.language ?? '',
    expertise: filter?.expertise ?? '',
    text: filter?.text ?? '',
    status: enumValue(VerificationStatus, filter?.status),
  };
}
