/** Directory messages as a service would answer them, for the gateway's tests. */
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AgencySchema, AgencySummarySchema, AgencyType, ContactKind, ProfessionalRole, ProfessionalSchema, VerificationStatus } from '@cpx/contracts';

export const AGENCY_ID = '0b5e8f0a-4c1d-4e6a-9f3b-2a7c1d9e8f01';
export const PROFESSIONAL_ID = '7d2c4b1a-9e8f-4a3b-8c6d-5e4f3a2b1c0d';
const CREATED = timestampFromDate(new Date('2025-03-01T08:00:00Z'));

export function anAgency(overrides: MessageInitShape<typeof AgencySchema> = {}) {
  return create(AgencySchema, {
    id: AGENCY_ID,
    name: 'Центар за социјални рад Београд',
    type: AgencyType.CHILD_PROTECTION_AUTHORITY,
    country: 'RS',
    locality: 'Beograd',
    languages: ['sr-Cyrl', 'sr-Latn'],
    contacts: [{ kind: ContactKind.PHONE, value: '+381111234567', label: '24/7' }],
    createdAt: CREATED,
    updatedAt: CREATED,
    version: 3n,
    ...overrides,
  });
}

export function aProfessional(overrides: MessageInitShape<typeof ProfessionalSchema> = {}) {
  return create(ProfessionalSchema, {
    id: PROFESSIONAL_ID,
    agencyId: AGENCY_ID,
    agency: create(AgencySummarySchema, { name: 'Центар за социјални рад Београд', type: AgencyType.CHILD_PROTECTION_AUTHORITY, country: 'RS' }),
    givenName: 'Ana',
    familyName: 'Petrović',
    role: ProfessionalRole.SOCIAL_WORKER,
    languages: ['sr-Latn', 'en'],
    expertise: ['unaccompanied minors'],
    status: VerificationStatus.VERIFIED,
    createdAt: CREATED,
    updatedAt: CREATED,
    version: 1n,
    ...overrides,
  });
}
