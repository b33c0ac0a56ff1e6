/**
 * One HTTP POST to a partner's endpoint, bounded by the timeout from the name's lookup
 * to the response's status line. The socket resolves the host through the endpoint
 * guard (endpoint-guard.ts), which in production refuses internal addresses at the
 * moment of connecting, on the addresses connected to: a host cannot pass a check and
 * then be resolved again somewhere else (DNS rebinding). Hence `node:http(s)` and its
 * `lookup` option rather than `fetch`, which resolves on its own.
 *
 * Redirects are not followed (a 3xx is a failed attempt: an endpoint must not send CPX's
 * data elsewhere), and the response body is not read: the connection is closed once the
 * status and headers are in, and each attempt opens its own (every connection is judged).
 * Errors are short codes, never an address: partners read them in the attempt log.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { Injectable } from '@nestjs/common';
import { EndpointGuard, EndpointRefusedError, type EndpointRefusal } from '../partners/endpoint-guard';

export interface SendResult {
  status?: number;
  retryAfter?: string | null;
  error?: string;
  latencyMs: number;
}

@Injectable()
export class WebhookSender {
  constructor(private readonly guard: EndpointGuard) {}

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
      const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
        {
          protocol: target.protocol,
          hostname: host,
          port: target.port || undefined,
          path: `${target.pathname}${target.search}`,
          method: 'POST',
          headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
          lookup: this.guard.lookup,
          // A fresh connection per attempt, never one pooled by other code: every
          // connection this sender makes went through the guard's lookup.
          agent: false,
        },
        (response: IncomingMessage) => {
          const status = response.statusCode ?? 0;
          const retryAfter = response.headers['retry-after'] ?? null;
          response.destroy();
          finish({ status, retryAfter, error: status >= 200 && status < 300 ? undefined : `HTTP ${status}` });
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

function refused(refusal: EndpointRefusal): string {
  return refusal.kind === 'private' ? `refused, not sent: the endpoint ${refusal.message}` : 'not sent: the endpoint’s host name did not resolve';
}

/** A code (ECONNREFUSED, CERT_HAS_EXPIRED...), never the message: those name addresses. */
function describe(error: Error): string {
  if (error instanceof EndpointRefusedError) return refused(error.refusal);
  const code = (error as NodeJS.ErrnoException).code;
  return code && /^[A-Z][A-Z0-9_]{0,60}$/.test(code) ? code : 'request failed';
}
