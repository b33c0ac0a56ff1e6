/**
 * A minimal CPX webhook receiver: plain Node http, verified with the `standardwebhooks`
 * package, answering 2xx at once and de-duplicating by `webhook-id` (a retried delivery
 * keeps its id). Run: CPX_WEBHOOK_SECRET=whsec_... PORT=8080 npx tsx receiver-example.ts
 *
 * In production keep the seen ids in your database (with the event, in one transaction)
 * rather than in memory, and process events from there, not inside the request.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

export interface CpxEvent {
  type: string;
  timestamp: string;
  data: { id: string; subject: string; countries: string[]; [field: string]: unknown };
}

/** The event, if the body was signed with `secret` (whsec_...) in the last 5 minutes; else undefined. */
export function verifyCpxWebhook(secret: string, headers: IncomingMessage['headers'], body: string): CpxEvent | undefined {
  const signed = {
    'webhook-id': String(headers['webhook-id'] ?? ''),
    'webhook-timestamp': String(headers['webhook-timestamp'] ?? ''),
    'webhook-signature': String(headers['webhook-signature'] ?? ''),
  };
  try {
    return new Webhook(secret).verify(body, signed) as CpxEvent;
  } catch (error) {
    if (error instanceof WebhookVerificationError) return undefined;
    throw error;
  }
}

export function createReceiver(secret: string, handle: (event: CpxEvent, webhookId: string) => void, seen = new Set<string>()): Server {
  return createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      // Verify the exact bytes received: re-serialised JSON would not match the signature.
      const event = verifyCpxWebhook(secret, request.headers, Buffer.concat(chunks).toString('utf8'));
      if (!event) return void response.writeHead(401).end();
      const webhookId = String(request.headers['webhook-id']);
      response.writeHead(204).end(); // answer first; CPX waits at most 15 s
      if (seen.has(webhookId)) return; // a retry of a delivery already handled
      seen.add(webhookId);
      setImmediate(() => handle(event, webhookId));
    });
  });
}

if (require.main === module) {
  const secret = process.env['CPX_WEBHOOK_SECRET'];
  if (!secret) throw new Error('Set CPX_WEBHOOK_SECRET to the whsec_... secret of your subscription.');
  const port = Number(process.env['PORT'] ?? 8080);
  createReceiver(secret, (event, webhookId) => console.log(webhookId, event.type, event.data.subject)).listen(port, () => console.log(`Listening on :${port}`));
}
