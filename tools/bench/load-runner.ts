// How every target of the benchmark is driven, so that the gateway and its baselines are
// measured the same way: a warm-up (JIT, connection pools, consumer fetch positions) that
// is not recorded, then a fixed number of calls, cut short by a time cap so that a slow
// or stuck target bounds the run instead of stretching it.
//
// One at a time, the targets take turns call by call (interleaved) rather than one after
// the other: a burst of background work, a GC or a JIT tier-up then lands on all of them
// alike instead of on whichever target happened to be running, and the ratios between
// them (the point of the baselines) stay fair on a shared machine.
import { performance } from 'node:perf_hooks';
import { summarize, type LatencySummary } from './percentiles';

/** One call of a target; `index` lets targets rotate over their inputs. Rejects on failure. */
export type Call = (index: number) => Promise<void>;

export interface InterleavedPlan {
  /** Rounds of warm-up; a round is one call of each target. */
  warmup: number;
  rounds: number;
  capMs: number;
}

export interface ConcurrentPlan {
  inFlight: number;
  total: number;
  capMs: number;
}

export interface LoopResult extends LatencySummary {
  /** Set when the time cap ended the loop before all calls were made. */
  capped: boolean;
  firstError?: string;
}

/**
 * One call at a time across all targets, each round starting at the next target so that
 * none always follows the same one. Throughput of such a loop is 1000 / mean: calls per
 * second one at a time, over the time spent in the target's own calls.
 */
export async function runInterleaved(calls: Call[], plan: InterleavedPlan): Promise<LoopResult[]> {
  // Warm-up calls must all succeed (a failure is thrown): a target failing there is
  // misconfigured, and its numbers would time an error path.
  for (let round = 0; round < plan.warmup; round += 1) {
    for (const call of calls) await call(round);
  }
  const samples = calls.map((): number[] => []);
  const errors = calls.map(() => 0);
  const firstErrors: (string | undefined)[] = calls.map(() => undefined);
  const deadline = performance.now() + plan.capMs;
  let rounds = 0;
  while (rounds < plan.rounds && performance.now() < deadline) {
    for (let turn = 0; turn < calls.length; turn += 1) {
      const target = (rounds + turn) % calls.length;
      const startedAt = performance.now();
      try {
        await calls[target]!(rounds);
        samples[target]!.push(performance.now() - startedAt);
      } catch (error) {
        errors[target]! += 1;
        firstErrors[target] ??= error instanceof Error ? error.message : String(error);
      }
    }
    rounds += 1;
  }
  return calls.map((_, target) => {
    const own = samples[target]!;
    const firstError = firstErrors[target];
    return {
      ...summarize(own, own.reduce((sum, sample) => sum + sample, 0), errors[target]),
      capped: rounds < plan.rounds,
      ...(firstError ? { firstError } : {}),
    };
  });
}

/**
 * `inFlight` callers in a closed loop on one target: throughput over the loop's wall
 * time, and latency under that much queueing. Targets run one after the other here:
 * interleaving loads would make each one's queueing depend on the others.
 */
export async function runConcurrent(call: Call, { inFlight, total, capMs }: ConcurrentPlan): Promise<LoopResult> {
  const samples: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const startedAt = performance.now();
  const deadline = startedAt + capMs;
  const caller = async () => {
    while (next < total && performance.now() < deadline) {
      const index = next++;
      const callStartedAt = performance.now();
      try {
        await call(index);
        samples.push(performance.now() - callStartedAt);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, caller));
  const wallMs = performance.now() - startedAt;
  return { ...summarize(samples, wallMs, errors), capped: next < total, ...(firstError ? { firstError } : {}) };
}
