/** Professional rows to protobuf: the only shape of a professional that leaves the service. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { ProfessionalRole, VerificationStatus, type ProfessionalSchema } from '@cpx/contracts';
import { hasRole, type Principal } from '@cpx/platform';
import { contactMessages } from '../contacts/contact.mapper';
import { agencyType } from '../agencies/agency.mapper';
import type { ProfessionalAgency, ProfessionalRow } from './professional.store';

/** A professional as read, with their agency when it was read too (not for the caller's own record: get-caller.usecase.ts). */
export type ProfessionalRead = ProfessionalRow & { agency?: Pick<ProfessionalAgency, 'name' | 'type' | 'country'> };

export function professionalMessage(professional: ProfessionalRead): MessageInitShape<typeof ProfessionalSchema> {
  return {
    id: professional.id,
    agencyId: professional.agencyId,
    agency: professional.agency
      ? { name: professional.agency.name, type: agencyType(professional.agency.type), country: professional.agency.country }
      : undefined,
    givenName: professional.givenName,
    familyName: professional.familyName,
    role: ProfessionalRole[professional.role as keyof typeof ProfessionalRole] ?? ProfessionalRole.UNSPECIFIED,
    languages: professional.languages,
    expertise: professional.expertise,
    contacts: contactMessages(professional.contacts),
    status: VerificationStatus[professional.status as keyof typeof VerificationStatus] ?? VerificationStatus.UNSPECIFIED,
    subject: professional.subject ?? undefined,
    suspensionReason: professional.suspensionReason,
    createdAt: timestampFromDate(professional.createdAt),
    updatedAt: timestampFromDate(professional.updatedAt),
    version: BigInt(professional.version),
  };
}

/**
 * A professional as a reply shows them to `principal`. The account subject links a record
 * to a sign-in and is what an agency admin types when inviting someone: it is shown to the
 * person themselves, to those who manage their record (their agency's admins, platform
 * admins) and to nobody else, so that directory readers cannot collect other people's
 * subjects. Events keep it: the services that consume them need it.
 */
export function professionalReply(professional: ProfessionalRead, principal: Principal): MessageInitShape<typeof ProfessionalSchema> {
  const message = professionalMessage(professional);
  return maySeeSubject(professional, principal) ? message : { ...message, subject: undefined };
}

function maySeeSubject(professional: ProfessionalRead, principal: Principal): boolean {
  if (hasRole(principal, 'platform_admin')) return true;
  if (!!principal.subject && principal.subject === professional.subject) return true;
  return hasRole(principal, 'agency_admin') && !!principal.agencyId && principal.agencyId === professional.agencyId;
}
