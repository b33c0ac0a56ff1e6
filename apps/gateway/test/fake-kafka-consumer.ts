/**
 * Just enough of a kafkajs consumer for the live consumers' unit tests: connect can be told
 * to fail, a crash can be raised, and a record handed to the running consumer.
 */
import type { Consumer, EachMessagePayload, KafkaMessage } from 'kafkajs';

type CrashListener = (event: { payload: { error: Error; restart: boolean } }) => void;

export class FakeConsumer {
  readonly events = { CRASH: 'consumer.crash' } as Consumer['events'];
  subscribed: unknown;
  eachMessage: ((payload: EachMessagePayload) => Promise<void>) | undefined;
  disconnected = false;
  private crashListener: CrashListener | undefined;

  constructor(private readonly failConnect = false) {}

  on(_event: string, listener: CrashListener): () => void {
    this.crashListener = listener;
    return () => undefined;
  }

  async connect(): Promise<void> {
    if (this.failConnect) throw new Error('Connection error: connect ECONNREFUSED 127.0.0.1:9');
  }

  async subscribe(subscription: unknown): Promise<void> {
    this.subscribed = subscription;
  }

  async run(options: { eachMessage: (payload: EachMessagePayload) => Promise<void> }): Promise<void> {
    this.eachMessage = options.eachMessage;
  }

  async disconnect(): Promise<void> {
    this.disconnected = true;
  }

  crash(restart: boolean): void {
    this.crashListener?.({ payload: { error: new Error('The coordinator is not aware of this member'), restart } });
  }

  async receive(message: Partial<KafkaMessage>, topic = 'cpx.test.v1.events'): Promise<void> {
    await this.eachMessage!({ topic, partition: 0, message: message as KafkaMessage, heartbeat: async () => undefined, pause: () => () => undefined });
  }
}

/**
 * A consumer factory that records what it made; `plan` says, consumer by consumer, whether
 * its connect fails (true) or not (absent or false).
 */
export function fakeConsumers(plan: boolean[] = []): { create: () => Consumer; created: FakeConsumer[]; plan: boolean[] } {
  const created: FakeConsumer[] = [];
  return {
    created,
    plan,
    create: () => {
      const fake = new FakeConsumer(plan.shift() ?? false);
      created.push(fake);
      return fake as unknown as Consumer;
    },
  };
}
