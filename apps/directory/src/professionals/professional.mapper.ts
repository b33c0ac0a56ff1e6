/** Professional rows to protobuf: the only shape of a professional that leaves the service. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { ProfessionalRole, VerificationStatus, type ProfessionalSchema } from '@cpx/contracts';
import { contactMessages } from '../contacts/contact.dto';
import { agencyType } from '../agencies/agency.mapper';
import type { ProfessionalEntity } from './professional.entity';

export function professionalMessage(professional: ProfessionalEntity): MessageInitShape<typeof ProfessionalSchema> {
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
