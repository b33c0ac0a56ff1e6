import { WebSocket } from 'ws';
import { startTestGateway, type TestGateway } from '../testing/test-gateway';

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
});
