// The partners' side of the feeds benchmark: N webhook endpoints on 127.0.0.1, one HTTP
// server each, in the benchmark's process so that an attempt's arrival is timed on the
// same clock as the event's commit. Each answers 204 at once (a healthy partner) and notes
// the first attempt of each (endpoint, event) pair; a retry or a duplicate is not timed
// again. The event is named by the CloudEvents id the feed puts in the body's `data.id`.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Deliveries } from './deliveries';

export interface WebhookReceivers {
  urls: string[];
  /** Arrivals are noted in `deliveries` as deliveryKey(endpoint, eventId). */
  noteInto(deliveries: Deliveries): void;
  /** Requests that were not a well-formed webhook (no webhook-id, body not JSON, no data.id). */
  malformed(): number;
  close(): Promise<void>;
}

export function deliveryKey(endpoint: number, eventId: string): string {
  return `${endpoint}/${eventId}`;
}

// Far above one webhook body (a thin event is under 1 KiB): a runaway body is cut, not buffered.
const MAX_BODY_BYTES = 64 * 1024;

export async function startWebhookReceivers(count: number): Promise<WebhookReceivers> {
  let current: Deliveries | undefined;
  let malformed = 0;
  const servers: Server[] = [];
  const receive = (endpoint: number) => (request: IncomingMessage, response: import('node:http').ServerResponse) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    request.on('end', () => {
      const eventId = size <= MAX_BODY_BYTES && request.headers['webhook-id'] ? eventIdOf(Buffer.concat(chunks)) : undefined;
      if (eventId) current?.noteArrived(deliveryKey(endpoint, eventId), { at });
      else malformed += 1;
      response.writeHead(204).end();
    });
  };
  try {
    for (let endpoint = 0; endpoint < count; endpoint += 1) {
      const server = createServer({ keepAliveTimeout: 30_000 }, receive(endpoint));
      servers.push(server);
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
    }
  } catch (error) {
    await closeAll(servers);
    throw error;
  }
  return {
    urls: servers.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/cpx-webhooks`),
    noteInto: (deliveries) => {
      current = deliveries;
    },
    malformed: () => malformed,
    close: () => closeAll(servers),
  };
}

function eventIdOf(body: Buffer): string | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { data?: { id?: unknown } };
    return typeof parsed.data?.id === 'string' ? parsed.data.id : undefined;
  } catch {
    return undefined;
  }
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(
    servers.map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
}
