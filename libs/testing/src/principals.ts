/** Test principals: who is asking, for tests that talk to a service directly over Kafka. */
import { randomUUID } from 'node:crypto';
import type { Principal } from '@cpx/platform';

export const principals = {
  platformAdmin: (): Principal => ({ subject: `admin-${randomUUID()}`, roles: ['platform_admin'] }),
  agencyAdmin: (agencyId: string, country: string, subject = `agency-admin-${randomUUID()}`): Principal => ({
    subject,
    roles: ['agency_admin', 'professional'],
    agencyId,
    country,
  }),
  professional: (agencyId: string, country: string, subject = `professional-${randomUUID()}`): Principal => ({
    subject,
    roles: ['professional'],
    agencyId,
    country,
  }),
  partner: (): Principal => ({ subject: `partner-${randomUUID()}`, roles: ['partner'], partnerId: 'unicef' }),
  nobody: (): Principal => ({ subject: `nobody-${randomUUID()}`, roles: [] }),
};
