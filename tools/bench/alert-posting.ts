// Both ends of an alert as their clients see them: the poster's `postAlert` mutation over
// HTTP to the gateway, and the recipient's `alertChanged` subscription over graphql-ws.
// Every post is the same realistic alert (a missing girl, Serbia to France, with the
// child's protected record, which the alerts service seals); only the idempotency key
// differs. Posting is idempotent by key, which makes waiting for the alerts service's
// directory replica safe: the same key is retried until it posts.
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { ORIGIN_COUNTRY, TARGET_COUNTRY } from './alert-parties';

const POST_ALERT = /* GraphQL */ `
  mutation Post($input: PostAlertInput!) {
    postAlert(input: $input) { replayed alert { id status targets { country recipientCount unrouted } } }
  }`;
const ALERT_CHANGED = /* GraphQL */ `subscription { alertChanged { type alertId occurredAt } }`;
/** Above the gateway's own request timeout (5 s): a slow post is its error, not ours. */
export const POST_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;
const RETRY_PAUSE_MS = 250;

export interface PostedAlert {
  id: string;
  replayed: boolean;
  /** Professionals of the target country it went to. */
  recipients: number;
}

export class PostAlertError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export function alertInput(idempotencyKey: string): Record<string, unknown> {
  return {
    idempotencyKey,
    kind: 'MISSING_CHILD',
    urgency: 'CRITICAL',
    originCountry: ORIGIN_COUNTRY,
    targetCountries: [TARGET_COUNTRY],
    title: 'Girl missing from a children’s home in Niš (benchmark)',
    summary: 'Left the home on foot in the evening; may be travelling by bus towards Paris with an adult.',
    child: {
      givenNames: ['Bench'],
      familyNames: ['Бенч'],
      sex: 'FEMALE',
      estimatedAge: { minYears: 13, maxYears: 15 },
      languages: ['sr-Latn', 'rom'],
      distinguishingFeatures: 'Scar above the left eyebrow',
      lastKnownPlace: 'Niš, bus station',
    },
  };
}

/** One post, as a browser makes it: fetch keeps the connection alive. */
export async function postAlert(graphqlUrl: string, token: string, idempotencyKey: string): Promise<PostedAlert> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: POST_ALERT, variables: { input: alertInput(idempotencyKey) } }),
    signal: AbortSignal.timeout(POST_TIMEOUT_MS),
  });
  const body = (await response.json()) as {
    data?: { postAlert: { replayed: boolean; alert: { id: string; targets: { country: string; recipientCount: number }[] } } } | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const posted = body.data?.postAlert;
  if (body.errors?.length || !posted) {
    const code = body.errors?.[0]?.extensions?.code ?? `HTTP ${response.status}`;
    throw new PostAlertError(code, `postAlert: ${code}: ${body.errors?.[0]?.message ?? 'no data'}`);
  }
  const target = posted.alert.targets.find((candidate) => candidate.country === TARGET_COUNTRY);
  return { id: posted.alert.id, replayed: posted.replayed, recipients: target?.recipientCount ?? 0 };
}

/**
 * Posts until the alerts service routes a post to the recipient, and returns that alert.
 * Until its replica has the poster, a post is FORBIDDEN (or BAD_USER_INPUT while France
 * has no agency in it): the same key is retried. A post that went through before the
 * focal point reached the replica has no recipient: a new key is tried.
 */
export async function untilRoutable(graphqlUrl: string, token: string, keyPrefix: string, capMs: number): Promise<PostedAlert> {
  const deadline = performance.now() + capMs;
  let attempt = 0;
  for (;;) {
    try {
      const posted = await postAlert(graphqlUrl, token, `${keyPrefix}-${attempt}`);
      if (posted.recipients > 0) return posted;
      attempt += 1;
    } catch (error) {
      const waiting = error instanceof PostAlertError && ['FORBIDDEN', 'BAD_USER_INPUT'].includes(error.code);
      if (!waiting || performance.now() > deadline) throw error;
    }
    if (performance.now() > deadline) throw new Error(`alerts still reach no focal point in ${TARGET_COUNTRY} after ${capMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, RETRY_PAUSE_MS));
  }
}

export interface PostedLive {
  alertId: string;
  /** performance.now() as the event was read off the socket. */
  at: number;
  /** The alert's occurredAt, epoch ms: stamped by the alerts service as it posts it. */
  occurredAt: number;
}

export interface AlertFeed {
  /** Set when the subscription ended or failed: what it said. */
  readonly failure: string | undefined;
  close(): Promise<void>;
}

/**
 * The recipient's live feed, authenticated at connection_init as a browser's is. Calls
 * `onPosted` for each POSTED change, timed on arrival before anything else is done.
 */
export async function subscribeToPostedAlerts(graphqlUrl: string, token: string, onPosted: (posted: PostedLive) => void): Promise<AlertFeed> {
  const client = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  let failure: string | undefined;
  let connected: () => void = () => undefined;
  const isConnected = new Promise<void>((resolve) => (connected = resolve));
  client.on('connected', () => connected());
  const dispose = client.subscribe<{ alertChanged: { type: string; alertId: string; occurredAt: string } }>(
    { query: ALERT_CHANGED },
    {
      next: ({ data }) => {
        const at = performance.now();
        const change = data?.alertChanged;
        if (change?.type === 'POSTED') onPosted({ alertId: change.alertId, at, occurredAt: Date.parse(change.occurredAt) });
      },
      error: (error) => (failure ??= error instanceof Error ? error.message : JSON.stringify(error)),
      complete: () => (failure ??= 'the subscription completed'),
    },
  );
  const feed: AlertFeed = {
    get failure() {
      return failure;
    },
    async close() {
      dispose();
      await client.dispose();
    },
  };
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`graphql-ws: no connection_ack within ${CONNECT_TIMEOUT_MS} ms (${failure ?? 'no error'})`)), CONNECT_TIMEOUT_MS)));
  try {
    await Promise.race([isConnected, late]);
  } catch (error) {
    await feed.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return feed;
}
