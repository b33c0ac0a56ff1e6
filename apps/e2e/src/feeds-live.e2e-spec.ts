/**
 * The live partner feed end to end, through the gateway only: UNICEF subscribes to alerts
 * about France (pull feed only, no webhook) and follows its feed live over graphql-ws while
 * a Serbian social worker posts alerts to France. The live items are the pull feed's
 * items, in the same order with the same cursors; after a disconnect, during which more
 * alerts are posted, resuming from the last cursor received misses nothing and repeats
 * nothing. No item names the child.
 */
import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startE2ePlatform, type E2ePlatform } from '@cpx/testing';
import { member, ok, postAlertWhenRoutable } from './support';

const CHILD_GIVEN = 'Ardita';
const CHILD_FAMILY = 'Krasniqi';

interface Edge {
  cursor: string;
  node: { id: string; type: string; countries: string[]; data: string };
}

let platform: E2ePlatform;
let admin: string;

beforeAll(async () => {
  platform = await startE2ePlatform('e2e-feeds-live');
  admin = await platform.token({ roles: ['platform_admin'] });
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

async function postAlert(token: string): Promise<string> {
  const input = {
    idempotencyKey: `e2e-feeds-live-${randomUUID()}`,
    kind: 'UNACCOMPANIED_MINOR',
    urgency: 'HIGH',
    originCountry: 'RS',
    targetCountries: ['FR'],
    title: 'Boy travelling alone on the Balkan route',
    summary: 'Seen at a bus station.',
    child: { givenNames: [CHILD_GIVEN], familyNames: [CHILD_FAMILY], sex: 'MALE', estimatedAge: { minYears: 14, maxYears: 16 } },
  };
  return (await postAlertWhenRoutable(platform, token, input)).alert.id;
}

const EDGE = 'cursor node { id type countries data }';

interface Live {
  edges: Edge[];
  errors: unknown[];
  close(): Promise<void>;
}

async function follow(token: string, after: string | null): Promise<Live> {
  const client: Client = createClient({ url: platform.graphqlUrl.replace(/^http/, 'ws'), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${token}` }, retryAttempts: 0 });
  const live: Live = { edges: [], errors: [], close: async () => (dispose(), await client.dispose()) };
  const dispose = client.subscribe(
    { query: `subscription($after: String) { partnerFeedEvents(after: $after) { ${EDGE} } }`, variables: { after } },
    {
      next: (value) => {
        if (value.errors) live.errors.push(...value.errors);
        if (value.data) live.edges.push((value.data as { partnerFeedEvents: Edge }).partnerFeedEvents);
      },
      error: (error) => live.errors.push(error),
      complete: () => undefined,
    },
  );
  return live;
}

async function pullAll(token: string): Promise<Edge[]> {
  const edges: Edge[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { edges: Edge[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } = (
      await ok(platform, `query($after: String) { partnerFeed(first: 50, after: $after) { edges { ${EDGE} } pageInfo { hasNextPage endCursor } } }`, { after }, token)
    ).partnerFeed;
    edges.push(...page.edges);
    if (!page.pageInfo.hasNextPage) return edges;
    after = page.pageInfo.endCursor;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const posted = (edges: Edge[], alertIds: string[]) => alertIds.every((id) => edges.some((edge) => edge.node.type === 'cpx.alerts.v1.AlertPosted' && edge.node.data.includes(id)));

it('follows the pull feed live, in its order, and resumes from the last cursor without a gap or a repeat', async () => {
  const { registerPartner: iom } = await ok(platform, `mutation($input: RegisterPartnerInput!) { registerPartner(input: $input) { id } }`, { input: { name: 'IOM Western Balkans' } }, admin);
  const partner = await platform.token({ roles: ['partner'], partner: iom.id });
  await ok(
    platform,
    `mutation($input: CreatePartnerSubscriptionInput!) { createPartnerSubscription(input: $input) { subscription { id } } }`,
    { input: { partnerId: iom.id, eventTypes: ['cpx.alerts.v1.*'], countries: ['FR'] } },
    partner,
  );
  const serbia = (await member(platform, admin, 'RS')).token;
  await member(platform, admin, 'FR', { focalPoint: true });

  // Someone else's users, and professionals, are refused at subscribe time.
  const refused = await follow(await platform.token({ roles: ['professional'], country: 'RS', agency: randomUUID() }), null);
  await until(() => refused.errors.length > 0, 'the refusal');
  expect(refused.errors).toMatchObject([{ extensions: { code: 'FORBIDDEN' } }]);
  await refused.close();

  const first = await follow(partner, null);
  await new Promise((resolve) => setTimeout(resolve, 500));
  const before = [await postAlert(serbia), await postAlert(serbia)];
  await until(() => posted(first.edges, before), 'the first alerts live');
  await first.close();
  const last = first.edges.at(-1)!.cursor;

  const during = [await postAlert(serbia), await postAlert(serbia)];
  const second = await follow(partner, last);
  const after = [await postAlert(serbia)];
  await until(() => posted(second.edges, [...during, ...after]), 'the alerts posted while away, then the new one');

  // Everything, exactly once, in the pull feed's order and with its cursors.
  await new Promise((resolve) => setTimeout(resolve, 1_500)); // anything extra would have arrived by now
  const live = [...first.edges, ...second.edges];
  const pulled = await pullAll(partner);
  expect(live.map((edge) => edge.cursor)).toEqual(pulled.map((edge) => edge.cursor));
  expect(live).toEqual(pulled);
  expect(second.errors).toEqual([]);
  await second.close();

  const everything = JSON.stringify(live);
  for (const name of [CHILD_GIVEN, CHILD_FAMILY, 'Balkan route', 'bus station']) expect(everything).not.toContain(name);
}, 180_000);
