/**
 * A dedicated Postgres connection LISTENing on one channel, for a worker that would
 * otherwise only poll. Postgres delivers a NOTIFY when the transaction that sent it
 * commits, so the worker wakes the moment the rows it waits for are visible.
 *
 * A notification is a hint, never the only trigger: notifications sent while the
 * connection is down are lost, so the worker keeps its (slower) poll, and after every
 * (re)connection `onNotify` is called once in case rows arrived meanwhile. The connection
 * is re-opened with a capped backoff until `stop()`.
 */
import { Logger } from '@nestjs/common';
import { Client } from 'pg';

export interface NotificationListenerOptions {
  databaseUrl: string;
  /** A plain lower-case identifier, the same the writers pass to pg_notify. */
  channel: string;
  onNotify: () => void;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;
const MAX_BACKOFF_MS = 5_000;

export class NotificationListener {
  private readonly logger = new Logger(NotificationListener.name);
  private client: Client | undefined;
  private running = false;
  private failures = 0;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: NotificationListenerOptions) {
    // The channel is spliced into LISTEN, which takes no parameters.
    if (!CHANNEL.test(options.channel)) throw new Error(`Invalid notification channel name: ${options.channel}`);
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    // keepAlive: a long-lived, mostly idle connection; one the network drops must be noticed.
    const client = new Client({ connectionString: this.options.databaseUrl, keepAlive: true });
    client.on('notification', (message) => {
      if (message.channel === this.options.channel) this.options.onNotify();
    });
    client.on('error', () => this.reconnectLater(client));
    client.on('end', () => this.reconnectLater(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
    } catch (error) {
      if (this.running && this.failures % 20 === 0) {
        this.logger.warn(`Listening on ${this.options.channel} failed (${(error as Error).message}); polling only until it works.`);
      }
      this.reconnectLater(client);
      return;
    }
    if (!this.running) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
    this.options.onNotify();
  }

  private reconnectLater(client: Client): void {
    if (this.client === client) this.client = undefined;
    else if (this.client) return;
    void client.end().catch(() => undefined);
    if (!this.running || this.retryTimer) return;
    this.failures += 1;
    const delay = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(this.failures, 6));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running) void this.connect();
    }, delay);
  }
}
