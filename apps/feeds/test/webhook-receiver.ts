/**
 * A partner's webhook endpoint on 127.0.0.1 for the integration tests: it verifies every
 * request with the `standardwebhooks` package, unchanged, against the secrets the test
 * gives each path, records what came, and answers as the test's behaviour says.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  path: string;
  id: string;
  timestamp: string;
  signature: string;
  body: string;
  /** Which of the path's secrets verified it (by index); empty when none did. */
  verifiedWith: number[];
  receivedAt: number;
}

export type Behaviour = (request: ReceivedWebhook, previous: ReceivedWebhook[]) => Promise<{ status: number; headers?: Record<string, string> }> | { status: number; headers?: Record<string, string> };

export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private readonly secrets = new Map<string, string[]>();
  private readonly behaviours = new Map<string, Behaviour>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<WebhookReceiver> {
    const holder: { receiver?: WebhookReceiver } = {};
    const server = createServer((request, response) => {
      void holder.receiver!.handle(request).then(
        ({ status, headers }) => response.writeHead(status, headers).end(),
        () => response.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    holder.receiver = new WebhookReceiver(server, `http://127.0.0.1:${port}`);
    return holder.receiver;
  }

  /** `/hooks/<name>` verified with these secrets, answered by the behaviour (200 by default). */
  endpoint(name: string, secrets: string[], behaviour?: Behaviour): string {
    this.secrets.set(`/hooks/${name}`, secrets);
    if (behaviour) this.behaviours.set(`/hooks/${name}`, behaviour);
    return `${this.baseUrl}/hooks/${name}`;
  }

  setSecrets(name: string, secrets: string[]): void {
    this.secrets.set(`/hooks/${name}`, secrets);
  }

  at(name: string): ReceivedWebhook[] {
    return this.received.filter((request) => request.path === `/hooks/${name}`);
  }

  async waitFor(match: (request: ReceivedWebhook) => boolean, timeoutMs = 15_000): Promise<ReceivedWebhook> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`No matching webhook within ${timeoutMs} ms (received ${this.received.length})`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage): Promise<{ status: number; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const path = request.url ?? '';
    const headers = {
      'webhook-id': String(request.headers['webhook-id'] ?? ''),
      'webhook-timestamp': String(request.headers['webhook-timestamp'] ?? ''),
      'webhook-signature': String(request.headers['webhook-signature'] ?? ''),
    };
    const verifiedWith = (this.secrets.get(path) ?? []).flatMap((secret, index) => {
      try {
        new Webhook(secret).verify(body, headers);
        return [index];
      } catch {
        return [];
      }
    });
    const entry: ReceivedWebhook = {
      path,
      id: headers['webhook-id'],
      timestamp: headers['webhook-timestamp'],
      signature: headers['webhook-signature'],
      body,
      verifiedWith,
      receivedAt: Date.now(),
    };
    const previous = this.received.filter((other) => other.path === path);
    this.received.push(entry);
    if (verifiedWith.length === 0) return { status: 401 };
    const behaviour = this.behaviours.get(path);
    return behaviour ? behaviour(entry, previous) : { status: 200 };
  }
}
