/**
 * What `npm start` promises in the README: the demo directory seeded through GraphQL, the
 * demo users able to sign in, and the README's examples answering as it says, for the
 * professionals and for the demo partner. Seeding twice (every start seeds) changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LocalUser } from '@cpx/platform';
import { startE2ePlatform, waitFor, type E2ePlatform, type GraphQLResponse } from '@cpx/testing';
import { seedDemoDirectory } from './seed-directory';

/**
 * The gateway's default rate limits (gateway.config.ts), which `npm start` runs with and
 * the e2e platform lifts: seeding, a burst from one user and one address, must get through
 * them as a well-behaved client does, by waiting out RATE_LIMITED.
 */
const GATEWAY_DEFAULT_RATES = {
  RATE_LIMIT_USER_PER_SECOND: '20',
  RATE_LIMIT_USER_BURST: '200',
  RATE_LIMIT_ADDRESS_PER_SECOND: '100',
  RATE_LIMIT_ADDRESS_BURST: '1000',
};

let platform: E2ePlatform;
let users: Record<string, LocalUser>;

beforeAll(async () => {
  // The partner docs subscribe a webhook at https://partner.example/...: a name that
  // resolves nowhere, refused at create time unless private endpoints are allowed.
  platform = await startE2ePlatform('e2e-demo', { FEEDS_ALLOW_PRIVATE_ENDPOINTS: 'true', ...GATEWAY_DEFAULT_RATES });
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

const ROOT = path.join(__dirname, '..', '..');

interface DocumentedOperation {
  /** Where it is written, for the failure message. */
  where: string;
  query: string;
  /** The demo user who runs it. */
  username: string;
}

/**
 * README.md's examples: each `-d '{"query": ...}'` of a curl, run as the demo user of the
 * `npm run -s token -- <user>` line before it.
 */
function readmeOperations(): DocumentedOperation[] {
  const operations: DocumentedOperation[] = [];
  let username: string | undefined;
  readFileSync(path.join(ROOT, 'README.md'), 'utf8')
    .split('\n')
    .forEach((line, index) => {
      username = /npm run -s token -- ([\w-]+)/.exec(line)?.[1] ?? username;
      const body = /-d '(\{.*\})'/.exec(line)?.[1];
      if (!body) return;
      if (!username) throw new Error(`README.md:${index + 1}: a query with no token line before it`);
      operations.push({ where: `README.md:${index + 1}`, query: (JSON.parse(body) as { query: string }).query, username });
    });
  return operations;
}

/** Who runs the GraphQL of each document under docs/: a new document with queries must be added here. */
const DOC_USERS: Record<string, string> = { 'partners/README.md': 'partner-unicef' };

/** Every ```graphql block of the Markdown documents under docs/. */
function docsOperations(): DocumentedOperation[] {
  const docs = path.join(ROOT, 'docs');
  const files = readdirSync(docs, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.md'));
  return files.flatMap((file) => {
    const text = readFileSync(path.join(docs, file), 'utf8');
    return [...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => {
      const line = text.slice(0, match.index).split('\n').length;
      const username = DOC_USERS[file.split(path.sep).join('/')];
      if (!username) throw new Error(`docs/${file}:${line}: a GraphQL example with no demo user to run it (DOC_USERS)`);
      return { where: `docs/${file}:${line}`, query: match[1]!, username };
    });
  });
}

it('runs every GraphQL operation of README.md and docs/ as written, as the demo user it is meant for, without an error', async () => {
  const operations = [...readmeOperations(), ...docsOperations()];
  expect(operations.length).toBeGreaterThanOrEqual(7);
  // What the documents leave for the reader to fill in: `<...>` placeholders, from the
  // demo data and from what an earlier example created.
  const filled: Record<string, string> = { '<your partner id>': users['partner-unicef']!.partner! };
  const answers: Record<string, unknown> = {};
  for (const operation of operations) {
    const token = await tokenOf(operation.username);
    const subscriptionId = filled['<subscription id>'];
    if (/updatePartnerSubscription/.test(operation.query) && subscriptionId) {
      // The example sends expectedVersion 3: the subscription is brought there first.
      await bringToVersion(subscriptionId, 3, token);
    }
    const query = operation.query.replace(/<[^<>\n]+>/g, (placeholder) => {
      const value = filled[placeholder];
      if (value === undefined) throw new Error(`${operation.where}: nothing to fill in ${placeholder} with`);
      return value;
    });
    const response = await platform.query(query, {}, token);
    answers[operation.where] = response.errors ?? 'ok';
    const created = response.data?.['createPartnerSubscription'] as { subscription?: { id: string } } | undefined;
    if (created?.subscription) filled['<subscription id>'] = created.subscription.id;
  }
  expect(answers).toEqual(Object.fromEntries(operations.map((operation) => [operation.where, 'ok'])));
}, 120_000);

async function bringToVersion(id: string, version: number, token: string): Promise<void> {
  for (;;) {
    const { data, errors } = await platform.query(`{ partnerSubscriptions { id version } }`, {}, token);
    expect(errors).toBeUndefined();
    const current = (data!['partnerSubscriptions'] as { id: string; version: number }[]).find((subscription) => subscription.id === id)!.version;
    if (current >= version) return;
    const update = await platform.query(
      `mutation($input: UpdatePartnerSubscriptionInput!) { updatePartnerSubscription(input: $input) { version } }`,
      { input: { id, countries: current % 2 === 1 ? ['FR'] : ['FR', 'RS'], expectedVersion: current } },
      token,
    );
    expect(update.errors).toBeUndefined();
  }
}

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
