// The two people an alert goes between, set up as an operator would, through the
// gateway's GraphQL as a platform admin: a verified professional of a Serbian agency who
// posts, and a verified professional of a French agency named focal point for France,
// who receives. Tokens are minted for both from the platform's local identity.
//
// The bench instance keeps its data between runs: a focal point left by an earlier run
// would make each alert go to one more recipient every run, so those are removed first.
// The alerts posted stay, like any other data of the instance.
import { randomUUID } from 'node:crypto';
import { issueLocalToken } from '@cpx/platform';
import { graphql } from '@cpx/testing';

export const ORIGIN_COUNTRY = 'RS';
export const TARGET_COUNTRY = 'FR';
/** Subjects of the bench's focal points start with this, which is how a later run finds them. */
const FOCAL_POINT_SUBJECT = 'cpx-bench-focal-point-';
const TOKEN_TTL = '30m';

export interface AlertParty {
  subject: string;
  agencyId: string;
  professionalId: string;
  token: string;
}

export interface AlertParties {
  poster: AlertParty;
  recipient: AlertParty;
  focalPointId: string;
}

export async function setUpAlertParties(graphqlUrl: string, identityDir: string, adminToken: string): Promise<AlertParties> {
  const admin = <T>(query: string, variables: Record<string, unknown>) => adminCall<T>(graphqlUrl, adminToken, query, variables);
  await removeEarlierFocalPoints(graphqlUrl, adminToken);
  const run = randomUUID().slice(0, 8);
  const party = async (country: string, subject: string): Promise<AlertParty> => {
    const { registerAgency } = await admin<{ registerAgency: { id: string } }>(
      `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { id } }`,
      { input: { name: `Bench alerts ${country} ${run}`, type: 'CHILD_PROTECTION_AUTHORITY', country } },
    );
    const { registerProfessional } = await admin<{ registerProfessional: { id: string } }>(
      `mutation($input: RegisterProfessionalInput!) { registerProfessional(input: $input) { id } }`,
      { input: { agencyId: registerAgency.id, givenName: 'Bench', familyName: `${country} ${run}`, role: 'SOCIAL_WORKER', subject } },
    );
    await admin(`mutation($id: ID!) { verifyProfessional(id: $id) { id } }`, { id: registerProfessional.id });
    const token = await issueLocalToken(identityDir, { sub: subject, roles: ['professional'], cpx_country: country, cpx_agency: registerAgency.id }, TOKEN_TTL);
    return { subject, agencyId: registerAgency.id, professionalId: registerProfessional.id, token };
  };
  const poster = await party(ORIGIN_COUNTRY, `cpx-bench-poster-${run}`);
  const recipient = await party(TARGET_COUNTRY, `${FOCAL_POINT_SUBJECT}${run}`);
  const { assignFocalPoint } = await admin<{ assignFocalPoint: { id: string } }>(
    `mutation($input: AssignFocalPointInput!) { assignFocalPoint(input: $input) { id } }`,
    { input: { country: TARGET_COUNTRY, professionalId: recipient.professionalId } },
  );
  return { poster, recipient, focalPointId: assignFocalPoint.id };
}

/** Best effort at the end of a run; the next run removes what this one leaves. */
export async function removeFocalPoint(graphqlUrl: string, adminToken: string, id: string): Promise<void> {
  await adminCall(graphqlUrl, adminToken, `mutation($id: ID!) { removeFocalPoint(id: $id) { id } }`, { id });
}

async function removeEarlierFocalPoints(graphqlUrl: string, adminToken: string): Promise<void> {
  const { focalPoints } = await adminCall<{ focalPoints: { id: string; professional: { subject: string | null } | null }[] }>(
    graphqlUrl,
    adminToken,
    `query($country: String) { focalPoints(country: $country) { id professional { subject } } }`,
    { country: TARGET_COUNTRY },
  );
  for (const focalPoint of focalPoints) {
    if (focalPoint.professional?.subject?.startsWith(FOCAL_POINT_SUBJECT)) await removeFocalPoint(graphqlUrl, adminToken, focalPoint.id);
  }
}

export async function adminCall<T>(graphqlUrl: string, adminToken: string, query: string, variables: Record<string, unknown>): Promise<T> {
  const response = await graphql<T>(graphqlUrl, query, variables, adminToken);
  if (!response.data || response.errors) {
    const field = /\{\s*(\w+)/.exec(query)?.[1] ?? 'GraphQL call';
    throw new Error(`${field} failed (HTTP ${response.status}): ${JSON.stringify(response.errors)}`);
  }
  return response.data;
}
