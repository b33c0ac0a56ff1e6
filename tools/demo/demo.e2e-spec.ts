/**
 * What `npm start` promises in the README: the demo directory seeded through GraphQL, the
 * demo users able to sign in, and the README's examples answering as it says, for the
 * professionals and for the demo partner. Seeding twice (every start seeds) changes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { LocalUser } from '@cpx/platform';
import { startE2ePlatform, waitFor, type E2ePlatform, type GraphQLResponse } from '@cpx/testing';
import { seedDemoDirectory } from './seed-directory';

let platform: E2ePlatform;
let users: Record<string, LocalUser>;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-demo');
  users = await seedDemoDirectory(platform.graphqlUrl, platform.identityDir);
}, 300_000);

afterAll(async () => {
  await platform?.stop();
});

/** What `npm run token -- <username>` signs: the user's entry in users.json. */
function tokenOf(username: string): Promise<string> {
  const user = users[username];
  if (!user) throw new Error(`no demo user ${username}`);
  return platform.token({ sub: user.sub, roles: user.roles as never, country: user.country, agency: user.agency, partner: user.partner });
}

it('seeds every partner state, and seeding again (every start) adds nothing', async () => {
  const admin = await platform.token({ roles: ['platform_admin'] });
  const countAgencies = async () => (await platform.query(`{ agencies(first: 1) { totalCount } }`, {}, admin)).data!.agencies.totalCount as number;
  const before = await countAgencies();
  expect(before).toBeGreaterThanOrEqual(24);
  const again = await seedDemoDirectory(platform.graphqlUrl, platform.identityDir);
  expect(await countAgencies()).toBe(before);
  expect(again['partner-unicef']?.partner).toBe(users['partner-unicef']?.partner);
  for (const username of ['platform-admin', 'attache', 'auditor', 'partner-unicef', 'rs-worker', 'fr-worker', 'gr-admin', 'xk-worker']) {
    expect(users).toHaveProperty(username);
  }
}, 120_000);

it('answers the README: whom to contact in Serbia, an alert posted to France in the French inbox, the partner feed without the child', async () => {
  const contacts = await platform.query(
    `{ whomToContact(country: "RS", alertKind: UNACCOMPANIED_MINOR) { reason professional { givenName familyName contacts { value } } } }`,
    {},
    await tokenOf('fr-worker'),
  );
  expect(contacts.errors).toBeUndefined();
  expect(contacts.data!.whomToContact.length).toBeGreaterThan(0);

  const posted = await platform.query(
    `mutation($input: PostAlertInput!) { postAlert(input: $input) { alert { id targets { country recipientCount } } } }`,
    {
      input: {
        idempotencyKey: `demo-${randomUUID()}`,
        kind: 'MISSING_CHILD',
        urgency: 'HIGH',
        originCountry: 'RS',
        targetCountries: ['FR'],
        title: 'Boy missing from Subotica',
        child: { givenNames: ['Марко'], familyNames: ['Демовић'], sex: 'MALE', estimatedAge: { minYears: 10, maxYears: 12 } },
      },
    },
    await tokenOf('rs-worker'),
  );
  expect(posted.errors).toBeUndefined();
  const alert = posted.data!.postAlert.alert;
  expect(alert.targets).toEqual([{ country: 'FR', recipientCount: expect.any(Number) }]);
  expect(alert.targets[0].recipientCount).toBeGreaterThan(0);

  const inbox = await platform.query(`{ alertInbox { edges { node { id title } } } }`, {}, await tokenOf('fr-worker'));
  expect(inbox.data!.alertInbox.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(alert.id);

  // The demo partner follows alerts and directory events by pull feed, from its own token.
  const partner = await tokenOf('partner-unicef');
  let feed = '';
  await waitFor(async () => (feed = JSON.stringify(await alertEventsIn(partner))).includes(alert.id), 20_000, 'the AlertPosted event in the demo partner’s feed');
  expect(feed).toContain('cpx.alerts.v1.AlertPosted');
  expect(feed).not.toMatch(/Марко|Демовић|Subotica/);
}, 120_000);

/** The alert events of the partner's whole feed, paged oldest first (the seeding's directory events come before). */
async function alertEventsIn(partnerToken: string): Promise<unknown[]> {
  const found: unknown[] = [];
  let after: string | null = null;
  for (;;) {
    interface FeedPage {
      partnerFeed: { edges: { node: { type: string; data: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
    }
    const page: GraphQLResponse<FeedPage> = await platform.query<FeedPage>(
      `query($after: String) { partnerFeed(first: 100, after: $after) { edges { node { type data } } pageInfo { hasNextPage endCursor } } }`,
      { after },
      partnerToken,
    );
    expect(page.errors).toBeUndefined();
    const { edges, pageInfo } = page.data!.partnerFeed;
    found.push(...edges.filter((edge) => edge.node.type.startsWith('cpx.alerts.')));
    if (!pageInfo.hasNextPage) return found;
    after = pageInfo.endCursor;
  }
}
