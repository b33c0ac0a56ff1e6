// Seeds the demo directory through the public GraphQL API, as a platform admin and then
// as each agency's admin would, registers the demo partner organisation (with a pull-feed
// subscription to alerts and directory events), and writes the local identity's
// users.json so that `npm run token -- <username>` can sign in as any of them. Safe to run
// on every start: what exists already is found and reused.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { issueLocalToken, readLocalUsers, type LocalUser } from '@cpx/platform';
import { graphql } from '@cpx/testing';
import { DEMO_DIRECTORY, DEMO_STAFF, type DemoAgency, type DemoPerson } from './directory-demo-data';

interface Seeder {
  url: string;
  identityDir: string;
  adminToken: string;
}

export async function seedDemoDirectory(url: string, identityDir: string): Promise<Record<string, LocalUser>> {
  const users: Record<string, LocalUser> = {};
  for (const staff of DEMO_STAFF) {
    users[staff.username] = { sub: `demo-${staff.username}`, roles: staff.roles, name: staff.name };
  }
  const seeder: Seeder = {
    url,
    identityDir,
    adminToken: await issueLocalToken(identityDir, { sub: users['platform-admin'].sub, roles: ['platform_admin'] }, '10m'),
  };
  const earlier = await readLocalUsers(identityDir);
  for (const staff of DEMO_STAFF) {
    if (staff.partnerName) users[staff.username].partner = await ensurePartner(seeder, staff.partnerName, earlier[staff.username]?.partner);
  }
  for (const [country, agencies] of Object.entries(DEMO_DIRECTORY)) {
    for (const demo of agencies) {
      const agencyId = await ensureAgency(seeder, country, demo);
      const adminPerson = demo.people.find((person) => person.agencyAdmin);
      const adminToken = adminPerson
        ? await issueLocalToken(identityDir, { sub: subjectOf(adminPerson), roles: ['agency_admin', 'professional'], cpx_country: country, cpx_agency: agencyId }, '10m')
        : seeder.adminToken;
      for (const person of demo.people) {
        const id = await ensureProfessional(seeder, agencyId, person, person.agencyAdmin ? seeder.adminToken : adminToken);
        if (person.verified) await call(seeder, `mutation($id: ID!) { verifyProfessional(id: $id) { id } }`, { id }, adminToken);
        if (person.focalPoint) {
          await call(seeder, `mutation($input: AssignFocalPointInput!) { assignFocalPoint(input: $input) { id } }`, { input: { country, professionalId: id } }, adminToken);
        }
        if (person.onDuty) await ensureOnDuty(seeder, country, id, adminToken);
        if (person.username) {
          users[person.username] = {
            sub: subjectOf(person),
            roles: person.agencyAdmin ? ['agency_admin', 'professional'] : ['professional'],
            country,
            agency: agencyId,
            name: `${person.givenName} ${person.familyName}`,
          };
        }
      }
    }
  }
  await fs.mkdir(identityDir, { recursive: true });
  await fs.writeFile(path.join(identityDir, 'users.json'), JSON.stringify(users, null, 2) + '\n', { mode: 0o600 });
  return users;
}

function subjectOf(person: DemoPerson): string {
  return person.username ? `demo-${person.username}` : `demo-${person.familyName}`;
}

async function ensureAgency(seeder: Seeder, country: string, demo: DemoAgency): Promise<string> {
  const found = await call(seeder, `query($f: AgencyFilter) { agencies(filter: $f, first: 5) { edges { node { id name } } } }`, { f: { country, text: demo.name } });
  const existing = found.agencies.edges.find((edge: { node: { name: string } }) => edge.node.name === demo.name);
  if (existing) return existing.node.id;
  const created = await call(
    seeder,
    `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { id } }`,
    {
      input: {
        name: demo.name,
        type: demo.type,
        country,
        locality: demo.locality,
        languages: demo.languages,
        contacts: [{ kind: 'PHONE', value: demo.phone, label: '24/7 duty line' }],
      },
    },
  );
  return created.registerAgency.id;
}

async function ensureProfessional(seeder: Seeder, agencyId: string, person: DemoPerson, token: string): Promise<string> {
  const found = await call(
    seeder,
    `query($f: ProfessionalFilter) { professionals(filter: $f, first: 10) { edges { node { id givenName familyName } } } }`,
    { f: { agencyId, text: person.familyName } },
  );
  const existing = found.professionals.edges.find(
    (edge: { node: { givenName: string; familyName: string } }) => edge.node.givenName === person.givenName && edge.node.familyName === person.familyName,
  );
  if (existing) return existing.node.id;
  const created = await call(
    seeder,
    `mutation($input: RegisterProfessionalInput!) { registerProfessional(input: $input) { id } }`,
    {
      input: {
        agencyId,
        givenName: person.givenName,
        familyName: person.familyName,
        role: person.role,
        languages: person.languages,
        expertise: person.expertise,
        contacts: [{ kind: 'EMAIL', value: `${(person.username ?? randomUUID().slice(0, 8))}@demo.cpx.invalid` }],
        subject: subjectOf(person),
      },
    },
    token,
  );
  return created.registerProfessional.id;
}

async function ensureOnDuty(seeder: Seeder, country: string, professionalId: string, token: string): Promise<void> {
  const now = Date.now();
  const whom = await call(seeder, `query($c: String!) { whomToContact(country: $c, alertKind: MISSING_CHILD) { reason professional { id } } }`, { c: country });
  if (whom.whomToContact.some((candidate: { reason: string; professional: { id: string } }) => candidate.reason === 'ON_DUTY' && candidate.professional.id === professionalId)) return;
  await call(
    seeder,
    `mutation($input: ScheduleOnDutyInput!) { scheduleOnDuty(input: $input) { id } }`,
    { input: { country, professionalId, startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 7 * 24 * 3_600_000).toISOString() } },
    token,
  );
}

/**
 * The partner the last seeding registered, if the feeds service still knows it (its data
 * may have been reset since); else a new one, with a pull-feed subscription so that
 * `partnerFeed` shows alerts and directory events from the start.
 */
async function ensurePartner(seeder: Seeder, name: string, earlierId: string | undefined): Promise<string> {
  if (earlierId) {
    const known = await patiently(seeder, `query($id: ID!) { partnerSubscriptions(partnerId: $id) { id } }`, { id: earlierId }, seeder.adminToken);
    if (!known.errors?.length) return earlierId;
  }
  const { registerPartner } = await call(seeder, `mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id } }`, { input: { name } });
  await call(
    seeder,
    `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { subscription { id } } }`,
    { input: { partnerId: registerPartner.id, eventTypes: ['cpx.alerts.v1.*', 'cpx.directory.v1.*'] } },
  );
  return registerPartner.id;
}

const MAX_RATE_LIMITED_ATTEMPTS = 30;

/**
 * One operation, as a well-behaved client sends it: seeding is a burst from one user and
 * one address, faster than the gateway's rate limits let through, so a RATE_LIMITED answer
 * is waited out (its retryAfterSeconds) and the operation sent again.
 */
async function patiently(seeder: Seeder, query: string, variables: Record<string, unknown>, token: string) {
  let response = await graphql(seeder.url, query, variables, token);
  for (let attempt = 1; response.status === 429 && attempt < MAX_RATE_LIMITED_ATTEMPTS; attempt += 1) {
    const seconds = Number(response.errors?.[0]?.extensions?.['retryAfterSeconds'] ?? 1);
    await new Promise((resolve) => setTimeout(resolve, Math.max(1, seconds) * 1_000));
    response = await graphql(seeder.url, query, variables, token);
  }
  return response;
}

async function call(seeder: Seeder, query: string, variables: Record<string, unknown>, token = seeder.adminToken) {
  const response = await patiently(seeder, query, variables, token);
  if (response.errors?.length) {
    throw new Error(`seeding failed: ${response.errors.map((error) => `${error.extensions?.code}: ${error.message}`).join('; ')}`);
  }
  return response.data!;
}
