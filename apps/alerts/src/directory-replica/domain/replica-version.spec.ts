import { replicaStep } from './replica-version';

describe('replicaStep', () => {
  it('creates from the first state seen, whatever its version', () => {
    expect(replicaStep(undefined, 1n)).toBe('apply');
    expect(replicaStep(undefined, 7n)).toBe('apply');
  });

  it('applies the next version only', () => {
    expect(replicaStep(2n, 3n)).toBe('apply');
  });

  it('skips a redelivered or older state', () => {
    expect(replicaStep(3n, 3n)).toBe('skip');
    expect(replicaStep(3n, 1n)).toBe('skip');
  });

  it('never applies a version that jumps', () => {
    expect(replicaStep(2n, 4n)).toBe('jump');
    expect(replicaStep(2n, 9_007_199_254_740_993n)).toBe('jump');
  });
});
