/**
 * One HTTP POST to a partner's endpoint, bounded by the timeout. Redirects are not
 * followed (a 3xx is a failed attempt: an endpoint must not send CPX's data elsewhere),
 * and the response body is not read beyond what closing it takes.
 */
import { Injectable } from '@nestjs/common';

export interface SendResult {
  status?: number;
  retryAfter?: string | null;
  error?: string;
  latencyMs: number;
}

@Injectable()
export class WebhookSender {
  async send(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<SendResult> {
    const started = performance.now();
    try {
      const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      await response.body?.cancel().catch(() => undefined);
      return {
        status: response.status,
        retryAfter: response.headers.get('retry-after'),
        error: response.ok ? undefined : `HTTP ${response.status}`,
        latencyMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      return { error: describe(error, timeoutMs), latencyMs: Math.round(performance.now() - started) };
    }
  }
}

function describe(error: unknown, timeoutMs: number): string {
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return (cause?.code ?? cause?.message ?? (error as Error).message ?? 'request failed').slice(0, 500);
}
