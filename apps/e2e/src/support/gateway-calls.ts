/**
 * What several e2e specs do through the gateway before the part they test: a call that
 * must succeed, a verified member of an agency, an alert posted once the alerts service's
 * replica of the directory has caught up with them.
 */
import { randomUUID } from 'node:crypto';
import { codes, type E2ePlatform } from '@cpx/testing';

/** A verified professional of a new agency, as the platform admin registers one. */
export interface Member {
  token: string;
  subject: string;
  professionalId: string;
  agencyId: string;
}

/** The data of a query that must succeed; its errors, thrown, otherwise. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data is read loosely
export async function ok(platform: E2ePlatform, query: string, variables: Record<string, unknown>, token: string): Promise<Record<string, any>> {
  const response = await platform.query(query, variables, token);
  if (response.errors) throw new Error(JSON.stringify(response.errors));
  return response.data!;
}

/** An agency with one verified professional (optionally a focal point), through the directory's API. */
export async function member(platform: E2ePlatform, admin: string, country: string, options: { focalPoint?: boolean; familyName?: string } = {}): Promise<Member> {
  const { registerAgency: agency } = await ok(
    platform,
    `mutation($input: RegisterAgencyInput!) { registerAgency(input: $input) { id } }`,
    { input: { name: `Agency ${country} ${randomUUID().slice(0, 8)}`, type: 'CHILD_PROTECTION_AUTHORITY', country } },
    admin,
  );
  const subject = `pro-${randomUUID()}`;
  const { registerProfessional: professional } = await ok(
    platform,
    `mutation($input: RegisterProfessionalInput!) { registerProfessional(input: $input) { id } }`,
    { input: { agencyId: agency.id, givenName: 'Test', familyName: options.familyName ?? country, role: 'SOCIAL_WORKER', subject } },
    admin,
  );
  await ok(platform, `mutation($id: ID!) { verifyProfessional(id: $id) { id } }`, { id: professional.id }, admin);
  if (options.focalPoint) {
    await ok(platform, `mutation($input: AssignFocalPointInput!) { assignFocalPoint(input: $input) { id } }`, { input: { country, professionalId: professional.id } }, admin);
  }
  const token = await platform.token({ sub: subject, roles: ['professional'], country, agency: agency.id });
  return { token, subject, professionalId: professional.id, agencyId: agency.id };
}

/**
 * `postAlert`'s answer (the fields `selection` asks for). Posting is idempotent, so retrying
 * with the same key is safe while the alerts service's replica of the directory catches up
 * with the poster and the targets (FORBIDDEN or BAD_USER_INPUT until then), for 30 s.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test data is read loosely
export async function postAlertWhenRoutable(platform: E2ePlatform, token: string, input: Record<string, unknown>, selection = 'alert { id }'): Promise<Record<string, any>> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const response = await platform.query(`mutation($input: PostAlertInput!) { postAlert(input: $input) { ${selection} } }`, { input }, token);
    if (!response.errors) return response.data!.postAlert;
    if (Date.now() > deadline || !['FORBIDDEN', 'BAD_USER_INPUT'].includes(codes(response)[0])) throw new Error(JSON.stringify(response.errors));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/**
 * Waits until an alert `poster` posts reaches `recipient`, a focal point just named: routing
 * is decided when an alert is posted, from the alerts service's replica of the directory, so
 * an alert posted before the replica has the recipient's assignment never reaches them. Each
 * try posts a probe alert (`probe()` gives a fresh input) and asks as the recipient, for 30 s.
 */
export async function untilAlertsReach(platform: E2ePlatform, poster: string, recipient: string, probe: () => Record<string, unknown>): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { alert } = await postAlertWhenRoutable(platform, poster, probe());
    const seen = await platform.query(`query($id: ID!) { alert(id: $id) { id } }`, { id: alert.id }, recipient);
    if (!seen.errors) return;
    if (Date.now() > deadline || codes(seen)[0] !== 'FORBIDDEN') throw new Error(JSON.stringify(seen.errors));
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
