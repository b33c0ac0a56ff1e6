// Pairs each message sent with its arrival at the other end, by id, in whichever order
// the two are noted: an alert's live event can reach the recipient's socket before the
// poster has read the mutation's reply that names its id. Times are this process's
// performance clock (both ends are timed here); an arrival may also carry the wall-clock
// time the platform stamped on the message on its way, which splits the latency in two.
import { performance } from 'node:perf_hooks';

export interface Arrival {
  /** performance.now() when it arrived. */
  at: number;
  /** Wall-clock ms (epoch) stamped by the platform in between, if the message has one. */
  stampedAt?: number;
}

export interface DeliveryFigures {
  /** Send to arrival (ms), one per message that arrived, in the order they were sent. */
  latencies: number[];
  /** When each of those was sent (performance.now()), in the same order. */
  sentAt: number[];
  /** performance.now() of the last arrival; NaN if none. */
  lastArrivalAt: number;
  /** Sent and never arrived (within the drain). */
  missing: number;
  /** Where stamped: send to stamp, and stamp to arrival (ms, wall clock). */
  toStamp: number[];
  fromStamp: number[];
}

export class Deliveries {
  private readonly sent = new Map<string, number>();
  private readonly arrived = new Map<string, Arrival>();
  private readonly waiters = new Map<string, (arrival: Arrival) => void>();

  /** `at` is performance.now() when the message left (taken before the send began). */
  noteSent(id: string, at: number): void {
    this.sent.set(id, at);
  }

  noteArrived(id: string, arrival: Arrival): void {
    // At-least-once delivery may repeat a message: its first arrival is the one timed.
    if (this.arrived.has(id)) return;
    this.arrived.set(id, arrival);
    this.waiters.get(id)?.(arrival);
  }

  /** Resolves once `id` has arrived; rejects after `timeoutMs`. */
  arrival(id: string, timeoutMs: number): Promise<Arrival> {
    const already = this.arrived.get(id);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(id);
        reject(new Error(`${id} did not arrive within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.set(id, (arrival) => {
        clearTimeout(timer);
        this.waiters.delete(id);
        resolve(arrival);
      });
    });
  }

  /** Waits until everything sent has arrived, at most `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (this.outstanding() > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  outstanding(): number {
    let count = 0;
    for (const id of this.sent.keys()) if (!this.arrived.has(id)) count += 1;
    return count;
  }

  /** Send to arrival (ms) of the messages whose id passes `where` and that arrived. */
  latenciesWhere(where: (id: string) => boolean): number[] {
    const latencies: number[] = [];
    for (const [id, sentAt] of this.sent) {
      const arrival = this.arrived.get(id);
      if (arrival && where(id)) latencies.push(arrival.at - sentAt);
    }
    return latencies;
  }

  figures(): DeliveryFigures {
    const figures: DeliveryFigures = { latencies: [], sentAt: [], lastArrivalAt: Number.NaN, missing: 0, toStamp: [], fromStamp: [] };
    // Noted in the order replies came back; timed in the order sent.
    const sent = [...this.sent].sort(([, a], [, b]) => a - b);
    for (const [id, sentAt] of sent) {
      const arrival = this.arrived.get(id);
      if (!arrival) {
        figures.missing += 1;
        continue;
      }
      figures.latencies.push(arrival.at - sentAt);
      figures.sentAt.push(sentAt);
      figures.lastArrivalAt = Number.isNaN(figures.lastArrivalAt) ? arrival.at : Math.max(figures.lastArrivalAt, arrival.at);
      if (arrival.stampedAt !== undefined) {
        figures.toStamp.push(arrival.stampedAt - wallClock(sentAt));
        figures.fromStamp.push(wallClock(arrival.at) - arrival.stampedAt);
      }
    }
    return figures;
  }
}

/** A performance.now() reading as epoch milliseconds, comparable with another process's Date.now(). */
export function wallClock(performanceNow: number): number {
  return performance.timeOrigin + performanceNow;
}
