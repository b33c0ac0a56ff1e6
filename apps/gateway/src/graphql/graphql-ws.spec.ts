import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { DirectoryRequests, FeedsRequests } from '@cpx/contracts';
import { WebSocket } from 'ws';
import { FeedEventsConsumer } from '../feeds/live/feed-events.consumer';
import { aProfessional } from '../../test/directory-factories';
import { startTestGateway, type TestGateway } from '../../test/test-gateway';
import { MAX_OPERATIONS_PER_SOCKET, MAX_SOCKETS_PER_SUBJECT } from './graphql-ws';

interface Socket {
  messages: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: object): void;
  next(): Promise<Record<string, unknown>>;
  close(): void;
}

function open(url: string): Promise<Socket> {
  const ws = new WebSocket(url.replace(/^http/, 'ws') + '/graphql', 'graphql-transport-ws');
  const messages: Record<string, unknown>[] = [];
  const waiting: ((message: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else messages.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
  return new Promise((resolve, reject) => {
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        messages,
        closed,
        send: (message) => ws.send(JSON.stringify(message)),
        next: () => new Promise((done) => (messages.length > 0 ? done(messages.shift()!) : waiting.push(done))),
        close: () => ws.close(),
      }),
    );
  });
}

describe('graphql-ws', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { GRAPHQL_MAX_DEPTH: '3' } });
    // No Kafka here: live partner feeds follow by polling, and the feed stays empty.
    await gateway.app.get(FeedEventsConsumer).onApplicationShutdown();
    gateway.requests.on(DirectoryRequests.getCaller, () => ({}));
    gateway.requests.on(FeedsRequests.getPartnerFeed, (request) => ({ items: [], endCursor: request.page?.after ?? '', hasNextPage: false }));
  });
  afterAll(() => gateway.close());

  it('closes a connection without a valid token with 4401', async () => {
    const anonymous = await open(gateway.url);
    anonymous.send({ type: 'connection_init', payload: {} });
    expect(await anonymous.closed).toEqual({ code: 4401, reason: 'Unauthorized' });

    const forged = await open(gateway.url);
    forged.send({ type: 'connection_init', payload: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' } });
    expect((await forged.closed).code).toBe(4401);
  });

  it(`lets one user hold at most ${MAX_SOCKETS_PER_SUBJECT} connections, refusing the next, and counts a closed one out`, async () => {
    const token = await gateway.token({ sub: 'many-tabs', roles: ['professional'], cpx_agency: 'agency-1' });
    const connect = async () => {
      const socket = await open(gateway.url);
      socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
      return socket;
    };
    const sockets: Awaited<ReturnType<typeof open>>[] = [];
    for (let index = 0; index < MAX_SOCKETS_PER_SUBJECT; index += 1) {
      const socket = await connect();
      expect(await socket.next()).toEqual({ type: 'connection_ack' });
      sockets.push(socket);
    }
    const refused = await connect();
    expect(await refused.closed).toEqual({ code: 1008, reason: `At most ${MAX_SOCKETS_PER_SUBJECT} connections per user` });
    // Another user is not affected.
    const other = await open(gateway.url);
    other.send({ type: 'connection_init', payload: { authorization: `Bearer ${await gateway.token()}` } });
    expect(await other.next()).toEqual({ type: 'connection_ack' });
    other.close();

    sockets.pop()!.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await connect();
    expect(await again.next()).toEqual({ type: 'connection_ack' });
    for (const socket of [...sockets, again]) socket.close();
  });

  it('accepts a bearer token in connection_init and runs operations as that principal', async () => {
    const socket = await open(gateway.url);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${await gateway.token()}` } });
    expect(await socket.next()).toEqual({ type: 'connection_ack' });
    socket.send({ id: '1', type: 'subscribe', payload: { query: '{ me { subject roles } }' } });
    expect(await socket.next()).toEqual({ id: '1', type: 'next', payload: { data: { me: { subject: 'user-1', roles: ['PROFESSIONAL'] } } } });
    expect(await socket.next()).toEqual({ id: '1', type: 'complete' });
    socket.close();
  });

  it('applies the same query limits and error contract as HTTP', async () => {
    const socket = await open(gateway.url);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${await gateway.token()}` } });
    await socket.next();
    socket.send({ id: 'deep', type: 'subscribe', payload: { query: '{ professionals { edges { node { agency { name } } } } }' } });
    expect(await socket.next()).toEqual({
      id: 'deep',
      type: 'error',
      payload: [{ message: 'The operation is nested 5 levels deep; the limit is 3.', locations: [{ line: 1, column: 1 }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }],
    });
    socket.send({ id: 'bad', type: 'subscribe', payload: { query: '{ agency(id: "nope") { id } }' } });
    expect(await socket.next()).toEqual({
      id: 'bad',
      type: 'next',
      payload: { data: { agency: null }, errors: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT', field: 'id' } })] },
    });
    socket.close();
  });

  it('counts the requests a query over the socket sends, as an HTTP one does', async () => {
    const focalPoints = Array.from({ length: 30 }, (_, i) => ({ id: `f${i}`, country: 'RS', professionalId: `p${i}`, createdAt: timestampFromDate(new Date()) }));
    gateway.requests.on(DirectoryRequests.listFocalPoints, () => ({ focalPoints }));
    gateway.requests.on(DirectoryRequests.getProfessional, (request) => ({ professional: aProfessional({ id: String(request.lookup?.value) }) }));
    const before = gateway.requests.calls.length;
    const socket = await open(gateway.url);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${await gateway.token()}` } });
    await socket.next();
    socket.send({ id: 'many', type: 'subscribe', payload: { query: '{ focalPoints(country: "RS") { professional { id } } }' } });
    const answer = (await socket.next()) as { payload: { errors?: { extensions?: { code?: string } }[] } };
    expect(gateway.requests.calls.length - before).toBe(25);
    expect(answer.payload.errors?.map((error) => error.extensions?.code)).toEqual(Array.from({ length: 6 }, () => 'TOO_MANY_ROUND_TRIPS'));
    socket.close();
  });

  it(`holds at most ${MAX_OPERATIONS_PER_SOCKET} operations open on one socket, refusing the next with a coded error`, async () => {
    const socket = await open(gateway.url);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${await gateway.token({ sub: 'unicef-admin', roles: ['partner'], cpx_partner: '5f0c7a52-4e7c-4d8e-9f43-2a8c1b1e9d11' })}` } });
    expect(await socket.next()).toEqual({ type: 'connection_ack' });
    const follow = (id: string) => socket.send({ id, type: 'subscribe', payload: { query: 'subscription { partnerFeedEvents { cursor } }' } });
    for (let index = 1; index <= MAX_OPERATIONS_PER_SOCKET; index += 1) follow(`feed-${index}`);
    follow('one-too-many');
    expect(await socket.next()).toEqual({
      id: 'one-too-many',
      type: 'error',
      payload: [{ message: expect.stringContaining(`${MAX_OPERATIONS_PER_SOCKET} operations open`), extensions: { code: 'BAD_USER_INPUT' } }],
    });

    // The others go on; once one completes, there is room again.
    socket.send({ id: 'feed-1', type: 'complete' });
    follow('in-its-place');
    socket.send({ id: 'query', type: 'subscribe', payload: { query: '{ me { subject } }' } });
    expect(await socket.next()).toEqual({
      id: 'query',
      type: 'error',
      payload: [expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })],
    });
    socket.send({ id: 'feed-2', type: 'complete' });
    socket.send({ id: 'query-2', type: 'subscribe', payload: { query: '{ me { subject } }' } });
    expect(await socket.next()).toEqual({ id: 'query-2', type: 'next', payload: { data: { me: { subject: 'unicef-admin' } } } });
    expect(await socket.next()).toEqual({ id: 'query-2', type: 'complete' });
    socket.close();
  });
});

describe('graphql-ws under the rate limits', () => {
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({ env: { RATE_LIMIT_USER_BURST: '3', RATE_LIMIT_USER_PER_SECOND: '1' } });
    await gateway.app.get(FeedEventsConsumer).onApplicationShutdown();
    gateway.requests.on(DirectoryRequests.getCaller, () => ({}));
  });
  afterAll(() => gateway.close());

  it('counts a connection and each operation against the user’s bucket: past it, RATE_LIMITED, then the connection refused with 1013', async () => {
    const token = await gateway.token({ sub: 'fast-socket', roles: ['professional'], cpx_agency: 'agency-1' });
    const socket = await open(gateway.url);
    socket.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    expect(await socket.next()).toEqual({ type: 'connection_ack' });
    const answers = [];
    for (const id of ['1', '2', '3']) {
      socket.send({ id, type: 'subscribe', payload: { query: '{ __typename }' } });
      answers.push(await socket.next());
      if (answers.at(-1)?.['type'] === 'next') await socket.next(); // its complete
    }
    expect(answers.map((answer) => answer['type'])).toEqual(['next', 'next', 'error']);
    expect(answers[2]).toEqual({
      id: '3',
      type: 'error',
      payload: [expect.objectContaining({ extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 1 } })],
    });
    socket.close();

    const another = await open(gateway.url);
    another.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
    expect(await another.closed).toEqual({ code: 1013, reason: 'Rate limited: retry after 1 s' });
  });
});
