/** Test data for the directory: unique names so tests never collide, in several scripts. */
import { randomUUID } from 'node:crypto';
import { AgencyType, ContactKind, ProfessionalRole } from '@cpx/contracts';

let counter = 0;
function unique(): string {
  counter += 1;
  return `${Date.now().toString(36)}${counter}${randomUUID().slice(0, 4)}`;
}

export function agencyRequest(overrides: Record<string, unknown> = {}) {
  return {
    name: `Центар за социјални рад ${unique()}`,
    type: AgencyType.CHILD_PROTECTION_AUTHORITY,
    country: 'RS',
    locality: 'Београд',
    jurisdiction: 'City of Belgrade',
    languages: ['sr-Cyrl', 'sr-Latn'],
    contacts: [{ kind: ContactKind.PHONE, value: '+381 11 000 0000', label: 'duty line' }],
    ...overrides,
  };
}

export function professionalRequest(agencyId: string, overrides: Record<string, unknown> = {}) {
  return {
    agencyId,
    givenName: 'Милица',
    familyName: `Јовановић${unique()}`,
    role: ProfessionalRole.SOCIAL_WORKER,
    languages: ['sr-Cyrl', 'en'],
    expertise: ['unaccompanied minors'],
    contacts: [{ kind: ContactKind.EMAIL, value: 'duty@example.org', label: '' }],
    ...overrides,
  };
}
