import { latencyRatios, percentile, summarize } from './percentiles';

const oneToHundred = Array.from({ length: 100 }, (_, index) => index + 1);

describe('nearest-rank percentiles', () => {
  it('picks the sample at rank ceil(p * n / 100)', () => {
    const sorted = [15, 20, 35, 40, 50];
    expect([5, 30, 40, 50, 100].map((p) => percentile(sorted, p))).toEqual([15, 20, 20, 35, 50]);
  });

  it('on 1..100 the p-th percentile is p', () => {
    expect([1, 7, 50, 95, 99, 100].map((p) => percentile(oneToHundred, p))).toEqual([1, 7, 50, 95, 99, 100]);
  });

  it('is not thrown off by floating point', () => {
    const thousand = Array.from({ length: 1000 }, (_, index) => index + 1);
    // 16.1 * 1000 / 100 is 161.00000000000003: a bare ceiling would give the 162nd.
    expect([16.1, 64.4, 99, 99.9].map((p) => percentile(thousand, p))).toEqual([161, 644, 990, 999]);
  });

  it('gives the minimum for p0 and the only sample for a single one', () => {
    expect(percentile(oneToHundred, 0)).toBe(1);
    expect([0, 50, 99, 100].map((p) => percentile([4.2], p))).toEqual([4.2, 4.2, 4.2, 4.2]);
  });

  it('is NaN without samples and refuses a p outside 0..100', () => {
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(oneToHundred, 101)).toThrow(RangeError);
    expect(() => percentile(oneToHundred, Number.NaN)).toThrow(RangeError);
  });
});

describe('summarize', () => {
  it('sorts a copy, and gives mean, max and throughput over the wall time', () => {
    const samples = [...oneToHundred].reverse();
    const summary = summarize(samples, 2_000, 3);
    expect(summary).toEqual({
      count: 100,
      errors: 3,
      p50: 50,
      p95: 95,
      p99: 99,
      mean: 50.5,
      max: 100,
      throughputPerSecond: 50,
      wallMs: 2_000,
    });
    expect(samples[0]).toBe(100);
  });

  it('has no figures for an empty loop', () => {
    const summary = summarize([], 0);
    expect(summary.count).toBe(0);
    expect([summary.p50, summary.mean, summary.max, summary.throughputPerSecond].every(Number.isNaN)).toBe(true);
  });

  it('compares two loops percentile by percentile', () => {
    const gateway = summarize([2, 4, 6, 8], 100);
    const kafka = summarize([1, 2, 3, 4], 100);
    expect(latencyRatios(gateway, kafka)).toEqual({ p50: 2, p95: 2, p99: 2 });
  });
});
