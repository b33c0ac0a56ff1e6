/** A graphql-ws client as a browser would open one: authenticated at connection_init. */
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface LiveFeed {
  received: Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- test data is read loosely
  close(): Promise<void>;
}

export async function subscribeToAlertChanges(graphqlUrl: string, token: string): Promise<LiveFeed> {
  const client: Client = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  const received: Record<string, unknown>[] = [];
  let acknowledged: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (acknowledged = resolve));
  client.on('connected', () => acknowledged());
  const dispose = client.subscribe(
    { query: 'subscription { alertChanged { type alertId status urgency originCountry targetCountries country level occurredAt } }' },
    {
      next: (value) => {
        if (value.data) received.push((value.data as { alertChanged: Record<string, unknown> }).alertChanged);
      },
      error: () => undefined,
      complete: () => undefined,
    },
  );
  await Promise.race([connected, new Promise((_, reject) => setTimeout(() => reject(new Error('graphql-ws did not connect')), 10_000))]);
  // The server registers the subscription right after connection_ack; give it that moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
  return {
    received,
    async close() {
      dispose();
      await client.dispose();
    },
  };
}
