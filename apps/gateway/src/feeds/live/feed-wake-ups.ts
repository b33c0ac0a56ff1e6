/**
 * "A domain event went by", inside one gateway process: the Kafka consumer of the events
 * the feeds service records says so, and every live partner feed reads its feed again
 * without waiting for its poll interval. It carries no event: what a partner may see is
 * only ever read from the feeds service.
 */
import { Injectable } from '@nestjs/common';
import type { WakeUpSource } from './partner-feed-stream';

@Injectable()
export class FeedWakeUps implements WakeUpSource {
  private readonly listeners = new Set<() => void>();

  get listenerCount(): number {
    return this.listeners.size;
  }

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
