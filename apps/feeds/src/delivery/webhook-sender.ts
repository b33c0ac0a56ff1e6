/**
 * One HTTP POST to a partner's endpoint, bounded by the timeout from the name's lookup
 * to the response's status line. The socket resolves the host through the endpoint
 * guard (endpoint-guard.ts), which refuses internal addresses (unless private endpoints
 * are allowed, in tests) at the moment of connecting, on the addresses connected to: a host cannot pass a check and
 * then be resolved again somewhere else (DNS rebinding). Hence `node:http(s)` and its
 * `lookup` option rather than `fetch`, which resolves on its own.
 *
 * Connections are kept alive and reused by later attempts to the same endpoint: under
 * load a new connection per webhook costs both sides more than the webhook. An attempt
 * never waits for a connection: its timeout runs from its start, so one queued behind
 * others would spend it unsent. So the agents may open, to one host, a connection per
 * delivery slot of the instance (several subscriptions may share a host: a partner's, a
 * relay service's); what bounds one endpoint is the claim, which leaves at most
 * FEEDS_ENDPOINT_CONCURRENCY of its deliveries in flight (delivery.store.ts, claimDeliveries).
 * Every socket in the sender's own agents was opened through the guard's lookup, so each
 * connection was judged when it was made, and a kept one stays with the address judged.
 * The agents are the sender's alone: no other code's connection is ever reused.
 *
 * Redirects are not followed (a 3xx is a failed attempt: an endpoint must not send CPX's
 * data elsewhere). The attempt ends with the status line; the body is then drained so
 * the connection can be reused, unless it is long or slow, which costs the connection.
 * Errors are short codes, never an address: partners read them in the attempt log.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { FeedsConfig } from '../config/feeds.config';
import { EndpointGuard, EndpointRefusedError, type EndpointRefusal } from '../partners/endpoint-guard';

export interface SendResult {
  status?: number;
  retryAfter?: string | null;
  error?: string;
  latencyMs: number;
}

/** A response body beyond this, or still coming after DRAIN_MS, closes the connection instead. */
const MAX_DRAIN_BYTES = 64 * 1024;
const DRAIN_MS = 1_000;
/** An idle kept connection is closed after this. */
const IDLE_SOCKET_MS = 30_000;

@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly agents: { http: HttpAgent; https: HttpsAgent };

  constructor(
    private readonly guard: EndpointGuard,
    @Inject(FeedsConfig) config: Pick<FeedsConfig, 'FEEDS_DELIVERY_CONCURRENCY' | 'FEEDS_ENDPOINT_CONCURRENCY'>,
  ) {
    const options = {
      keepAlive: true,
      // As many as the instance has attempts in flight: none waits for a socket (above).
      maxSockets: config.FEEDS_DELIVERY_CONCURRENCY,
      // Kept idle per host: what one endpoint can use at once.
      maxFreeSockets: config.FEEDS_ENDPOINT_CONCURRENCY,
      timeout: IDLE_SOCKET_MS,
      scheduling: 'lifo' as const,
      lookup: guard.lookup,
    };
    this.agents = { http: new HttpAgent(options), https: new HttpsAgent(options) };
  }

  onModuleDestroy(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async send(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
    const started = performance.now();
    const latencyMs = () => Math.round(performance.now() - started);
    const target = new URL(url);
    const host = target.hostname.replace(/^\[|\]$/g, '');
    const refusal = this.guard.literalRefusal(host);
    if (refusal) return { error: refused(refusal), latencyMs: latencyMs() };
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: Omit<SendResult, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, latencyMs: latencyMs() });
      };
      const https = target.protocol === 'https:';
      const request = (https ? httpsRequest : httpRequest)(
        {
          protocol: target.protocol,
          hostname: host,
          port: target.port || undefined,
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: this.guard.lookup,
          // The sender's own agents: every connection in them went through the guard's lookup.
          agent: https ? this.agents.https : this.agents.http,
        },
        (response: IncomingMessage) => {
          const status = response.statusCode ?? 0;
          const retryAfter = response.headers['retry-after'] ?? null;
          finish({ status, retryAfter, error: status >= 200 && status < 300 ? undefined : `HTTP ${status}` });
          drain(response);
        },
      );
      const timer = setTimeout(() => {
        finish({ error: `no answer within ${timeoutMs} ms` });
        request.destroy();
      }, timeoutMs);
      request.on('error', (error) => finish({ error: describe(error) }));
      request.end(body);
    });
  }
}

/** Reads and drops the body so the connection goes back to the agent; too long or too slow, closes it. */
function drain(response: IncomingMessage): void {
  let size = 0;
  const timer = setTimeout(() => response.destroy(), DRAIN_MS);
  response.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_DRAIN_BYTES) response.destroy();
  });
  response.on('close', () => clearTimeout(timer));
  response.on('error', () => undefined);
}

function refused(refusal: EndpointRefusal): string {
  return refusal.kind === 'private' ? `refused, not sent: the endpoint ${refusal.message}` : 'not sent: the endpoint’s host name did not resolve';
}

/** A code (ECONNREFUSED, CERT_HAS_EXPIRED...), never the message: those name addresses. */
function describe(error: Error): string {
  if (error instanceof EndpointRefusedError) return refused(error.refusal);
  const code = (error as NodeJS.ErrnoException).code;
  return code && /^[A-Z][A-Z0-9_]{0,60}$/.test(code) ? code : 'request failed';
}
