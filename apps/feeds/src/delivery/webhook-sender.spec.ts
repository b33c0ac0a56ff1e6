import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LookupAddress } from 'node:dns';
import { FeedsConfig } from '../config/feeds.config';
import { EndpointGuard, type HostResolver } from '../partners/endpoint-guard';
import { WebhookSender } from './webhook-sender';

type Policy = Pick<FeedsConfig, 'FEEDS_ALLOW_PRIVATE_ENDPOINTS'>;
/** Every mode, production or not, unless private endpoints are allowed. */
const guarded: Policy = { FEEDS_ALLOW_PRIVATE_ENDPOINTS: false };
/** Tests' receivers on 127.0.0.1. */
const privateAllowed: Policy = { FEEDS_ALLOW_PRIVATE_ENDPOINTS: true };
/** Slots of the instance and in flight per endpoint, as configured by default. */
const SLOTS = { FEEDS_DELIVERY_CONCURRENCY: 128, FEEDS_ENDPOINT_CONCURRENCY: 16 };

/** DNS as the test says: each host answers its list of answers in turn (the last one again after that). */
function stubDns(table: Record<string, string[][]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = async (host: string) => {
    const answers = table[host];
    const count = asked.filter((name) => name === host).length;
    asked.push(host);
    if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return answers[Math.min(count, answers.length - 1)];
  };
  return Object.assign(resolve, { asked });
}

/** A partner's endpoint on 127.0.0.1 that counts every connection made to it, whatever the protocol. */
async function localEndpoint(answer: (request: IncomingMessage, response: ServerResponse) => void = (_request, response) => response.writeHead(204).end()) {
  const seen = { connections: 0, requests: [] as { url: string; headers: IncomingMessage['headers']; body: string }[] };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.requests.push({ url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(request, response);
    });
  });
  server.on('connection', () => (seen.connections += 1));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { port, seen, close };
}

const HEADERS = { 'content-type': 'application/json', 'webhook-id': 'msg_1', 'webhook-timestamp': '1767323045', 'webhook-signature': 'v1,abc' };
const BODY = '{"type":"cpx.alerts.v1.AlertPosted","timestamp":"2026-01-02T03:04:05.000Z","data":{}}';

describe('webhook sender: the address is judged as the socket connects (DNS rebinding)', () => {
  it('refuses a host that answered a public address to the create-time check and 127.0.0.1 to the connection: nothing reaches the local server', async () => {
    const endpoint = await localEndpoint();
    try {
      const dns = stubDns({ 'rebind.partner.example': [['8.8.8.8'], ['127.0.0.1']] });
      const guard = new EndpointGuard(dns, guarded);
      const url = `https://rebind.partner.example:${endpoint.port}/hook`;
      expect(await guard.refusal(url)).toBeUndefined(); // accepted when the subscription was made
      const result = await new WebhookSender(guard, SLOTS).send(url, HEADERS, BODY, 2_000);
      expect(result).toEqual({ error: expect.stringMatching(/^refused, not sent: the endpoint must not .*private/), latencyMs: expect.any(Number) });
      expect(result.status).toBeUndefined();
      expect(result.error).not.toContain('127.0.0.1');
      expect(dns.asked).toEqual(['rebind.partner.example', 'rebind.partner.example']);
      expect(endpoint.seen.connections).toBe(0);
    } finally {
      await endpoint.close();
    }
  });

  it('refuses a host with any internal address, IP literals and localhost without connecting', async () => {
    const endpoint = await localEndpoint();
    try {
      const dns = stubDns({ 'mixed.partner.example': [['8.8.4.4', '127.0.0.1']], localhost: [['127.0.0.1']] });
      const sender = new WebhookSender(new EndpointGuard(dns, guarded), SLOTS);
      for (const url of [`https://mixed.partner.example:${endpoint.port}/`, `https://127.0.0.1:${endpoint.port}/`, `https://localhost:${endpoint.port}/`, `https://[::ffff:127.0.0.1]:${endpoint.port}/`]) {
        expect((await sender.send(url, HEADERS, BODY, 2_000)).error).toMatch(/^refused, not sent/);
      }
      expect(dns.asked).toEqual(['mixed.partner.example']);
      expect(endpoint.seen.connections).toBe(0);
    } finally {
      await endpoint.close();
    }
  });

  it('hands the socket only the addresses it judged, of the family asked for', async () => {
    const guard = new EndpointGuard(stubDns({ 'hooks.partner.example': [['8.8.8.8', '2001:4860:4860::8888']] }), guarded);
    const lookup = (options: { all?: boolean; family?: number }) =>
      new Promise<{ error: Error | null; address: string | LookupAddress[]; family?: number }>((resolve) =>
        guard.lookup('hooks.partner.example', options, (error, address, family) => resolve({ error, address, family })),
      );
    expect(await lookup({ all: true })).toEqual({ error: null, address: [{ address: '8.8.8.8', family: 4 }, { address: '2001:4860:4860::8888', family: 6 }] });
    expect(await lookup({ family: 6 })).toEqual({ error: null, address: '2001:4860:4860::8888', family: 6 });
    expect(await lookup({ all: true, family: 4 })).toEqual({ error: null, address: [{ address: '8.8.8.8', family: 4 }] });
  });

  it('says a host that does not resolve did not resolve', async () => {
    const sender = new WebhookSender(new EndpointGuard(stubDns({}), guarded), SLOTS);
    expect(await sender.send('https://nowhere.partner.example/hook', HEADERS, BODY, 2_000)).toEqual({ error: 'not sent: the endpoint’s host name did not resolve', latencyMs: expect.any(Number) });
  });

  it('refuses receivers on 127.0.0.1 in local mode too, unless private endpoints are allowed: nothing reaches them', async () => {
    const endpoint = await localEndpoint();
    try {
      const dns = stubDns({ 'receiver.test': [['127.0.0.1']] });
      const localDefaults = Object.assign(new FeedsConfig(), { CPX_MODE: 'local' });
      const sender = new WebhookSender(new EndpointGuard(dns, localDefaults), SLOTS);
      for (const url of [`http://127.0.0.1:${endpoint.port}/hook`, `http://receiver.test:${endpoint.port}/hook`]) {
        expect((await sender.send(url, HEADERS, BODY, 2_000)).error).toMatch(/^refused, not sent/);
      }
      expect(endpoint.seen.connections).toBe(0);
    } finally {
      await endpoint.close();
    }
  });

  it('where private endpoints are allowed, reaches receivers on 127.0.0.1, by address or by a name resolved through the port', async () => {
    const endpoint = await localEndpoint();
    try {
      const dns = stubDns({ 'receiver.test': [['127.0.0.1']] });
      const sender = new WebhookSender(new EndpointGuard(dns, privateAllowed), SLOTS);
      for (const url of [`http://127.0.0.1:${endpoint.port}/hooks/a?x=1`, `http://receiver.test:${endpoint.port}/hooks/b`]) {
        expect(await sender.send(url, HEADERS, BODY, 2_000)).toEqual({ status: 204, retryAfter: null, error: undefined, latencyMs: expect.any(Number) });
      }
      expect(dns.asked).toEqual(['receiver.test']);
      expect(endpoint.seen.requests.map((request) => request.url)).toEqual(['/hooks/a?x=1', '/hooks/b']);
      expect(endpoint.seen.requests[0].body).toBe(BODY);
      expect(endpoint.seen.requests[0].headers).toMatchObject({ ...HEADERS, 'content-length': String(Buffer.byteLength(BODY)) });
    } finally {
      await endpoint.close();
    }
  });
});

describe('webhook sender: one attempt', () => {
  const sender = new WebhookSender(new EndpointGuard(stubDns({}), privateAllowed), SLOTS);

  it('does not follow a redirect: a 3xx is a failed attempt', async () => {
    const endpoint = await localEndpoint((_request, response) => response.writeHead(302, { location: '/elsewhere' }).end());
    try {
      expect(await sender.send(`http://127.0.0.1:${endpoint.port}/hook`, HEADERS, BODY, 2_000)).toMatchObject({ status: 302, error: 'HTTP 302' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(endpoint.seen.requests.map((request) => request.url)).toEqual(['/hook']);
    } finally {
      await endpoint.close();
    }
  });

  it('returns the status and Retry-After of a refusal to take it now', async () => {
    const endpoint = await localEndpoint((_request, response) => response.writeHead(503, { 'retry-after': '120' }).end('busy'));
    try {
      expect(await sender.send(`http://127.0.0.1:${endpoint.port}/hook`, HEADERS, BODY, 2_000)).toEqual({ status: 503, retryAfter: '120', error: 'HTTP 503', latencyMs: expect.any(Number) });
    } finally {
      await endpoint.close();
    }
  });

  it('reuses a kept connection for the next attempts to the same endpoint, and drains a short body to keep it', async () => {
    const endpoint = await localEndpoint((_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('thanks'));
    const keeping = new WebhookSender(new EndpointGuard(stubDns({}), privateAllowed), SLOTS);
    try {
      for (let attempt = 0; attempt < 3; attempt += 1) {
        expect(await keeping.send(`http://127.0.0.1:${endpoint.port}/hook`, HEADERS, BODY, 1_000)).toMatchObject({ status: 200 });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(endpoint.seen.requests).toHaveLength(3);
      expect(endpoint.seen.connections).toBe(1);
    } finally {
      keeping.onModuleDestroy();
      await endpoint.close();
    }
  });

  it('does not read the response body: an endless one does not hold the attempt', async () => {
    const endpoint = await localEndpoint((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      const timer = setInterval(() => response.write('x'.repeat(1_024)), 5);
      response.on('close', () => clearInterval(timer));
    });
    try {
      const result = await sender.send(`http://127.0.0.1:${endpoint.port}/hook`, HEADERS, BODY, 1_000);
      expect(result).toMatchObject({ status: 200, error: undefined });
      expect(result.latencyMs).toBeLessThan(1_000);
    } finally {
      await endpoint.close();
    }
  });

  it('gives up at the timeout, whether the endpoint or its name is slow, and measures the attempt', async () => {
    const endpoint = await localEndpoint(() => undefined);
    const slowDns: HostResolver = () => new Promise(() => undefined); // a name server that never answers
    try {
      const silent = await sender.send(`http://127.0.0.1:${endpoint.port}/hook`, HEADERS, BODY, 300);
      expect(silent).toEqual({ error: 'no answer within 300 ms', latencyMs: expect.any(Number) });
      expect(silent.latencyMs).toBeGreaterThanOrEqual(290);
      const slowName = await new WebhookSender(new EndpointGuard(slowDns, privateAllowed), SLOTS).send(`http://slow.test:${endpoint.port}/hook`, HEADERS, BODY, 300);
      expect(slowName).toEqual({ error: 'no answer within 300 ms', latencyMs: expect.any(Number) });
      expect(slowName.latencyMs).toBeLessThan(1_500);
    } finally {
      await endpoint.close();
    }
  });

  it('sends every attempt at once, however many go to one host: none waits for a connection while its timeout runs', async () => {
    // Subscriptions may share a host; the claim bounds each endpoint, the sender bounds none below the instance's slots.
    const atOnce = SLOTS.FEEDS_ENDPOINT_CONCURRENCY + 4;
    const waiting: ServerResponse[] = [];
    // Answers only once every attempt has reached it.
    const endpoint = await localEndpoint((_request, response) => {
      waiting.push(response);
      if (waiting.length === atOnce) for (const held of waiting) held.writeHead(204).end();
    });
    const shared = new WebhookSender(new EndpointGuard(stubDns({}), privateAllowed), SLOTS);
    try {
      const results = await Promise.all(Array.from({ length: atOnce }, (_, index) => shared.send(`http://127.0.0.1:${endpoint.port}/hooks/${index}`, HEADERS, BODY, 2_000)));
      expect(results.map((result) => result.status)).toEqual(Array(atOnce).fill(204));
    } finally {
      shared.onModuleDestroy();
      await endpoint.close();
    }
  });

  it('names a failure by its code, never by an address', async () => {
    const endpoint = await localEndpoint();
    const { port } = endpoint;
    await endpoint.close();
    expect(await sender.send(`http://127.0.0.1:${port}/hook`, HEADERS, BODY, 2_000)).toEqual({ error: 'ECONNREFUSED', latencyMs: expect.any(Number) });
  });
});
