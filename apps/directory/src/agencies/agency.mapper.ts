/** Agency rows to protobuf: the only shape of an agency that leaves the service. */
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AgencyType, type AgencySchema } from '@cpx/contracts';
import type { MessageInitShape } from '@bufbuild/protobuf';
import { contactMessages } from '../contacts/contact.mapper';
import type { AgencyRow } from './agency.store';

export function agencyMessage(agency: AgencyRow): MessageInitShape<typeof AgencySchema> {
  return {
    id: agency.id,
    name: agency.name,
    type: agencyType(agency.type),
    country: agency.country,
    locality: agency.locality,
    jurisdiction: agency.jurisdiction,
    languages: agency.languages,
    contacts: contactMessages(agency.contacts),
    createdAt: timestampFromDate(agency.createdAt),
    updatedAt: timestampFromDate(agency.updatedAt),
    version: BigInt(agency.version),
  };
}

export function agencyType(name: string): AgencyType {
  return AgencyType[name as keyof typeof AgencyType] ?? AgencyType.UNSPECIFIED;
}
