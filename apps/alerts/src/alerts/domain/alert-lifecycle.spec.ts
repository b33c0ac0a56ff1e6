import { nextEscalationAt, refusal, statusAfterAcknowledgement } from './alert-lifecycle';

describe('alert lifecycle', () => {
  it('allows acknowledging, resolving and cancelling only open alerts', () => {
    for (const step of ['acknowledge', 'resolve', 'cancel'] as const) {
      expect(refusal('POSTED', step)).toBeUndefined();
      expect(refusal('IN_PROGRESS', step)).toBeUndefined();
      expect(refusal('RESOLVED', step)).toMatch(/no longer/);
      expect(refusal('CANCELLED', step)).toMatch(/no longer/);
      expect(refusal('CLOSED', step)).toMatch(/no longer/);
    }
  });

  it('takes updates until the alert is closed', () => {
    expect(refusal('RESOLVED', 'addUpdate')).toBeUndefined();
    expect(refusal('CLOSED', 'addUpdate')).toMatch(/closed/);
  });

  it('closes only ended alerts', () => {
    expect(refusal('RESOLVED', 'close')).toBeUndefined();
    expect(refusal('CANCELLED', 'close')).toBeUndefined();
    expect(refusal('IN_PROGRESS', 'close')).toBeDefined();
  });

  it('puts a posted alert in progress at the first acknowledgement', () => {
    expect(statusAfterAcknowledgement('POSTED')).toBe('IN_PROGRESS');
    expect(statusAfterAcknowledgement('IN_PROGRESS')).toBe('IN_PROGRESS');
  });

  it('escalates twice, then stops', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    expect(nextEscalationAt(1, now, 1000)).toEqual(new Date('2026-01-01T00:00:01Z'));
    expect(nextEscalationAt(2, now, 1000)).toBeNull();
  });
});
