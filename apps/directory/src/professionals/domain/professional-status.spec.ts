import { transition } from './professional-status';

describe('professional verification lifecycle', () => {
  it('verifies an invited professional, suspends and reinstates', () => {
    expect(transition('INVITED', 'verify')).toEqual({ kind: 'change', to: 'VERIFIED' });
    expect(transition('VERIFIED', 'suspend')).toEqual({ kind: 'change', to: 'SUSPENDED' });
    expect(transition('INVITED', 'suspend')).toEqual({ kind: 'change', to: 'SUSPENDED' });
    expect(transition('SUSPENDED', 'reinstate')).toEqual({ kind: 'change', to: 'VERIFIED' });
  });

  it('treats a repeated request as a no-op', () => {
    expect(transition('VERIFIED', 'verify')).toEqual({ kind: 'unchanged' });
    expect(transition('SUSPENDED', 'suspend')).toEqual({ kind: 'unchanged' });
  });

  it('refuses transitions that skip the lifecycle', () => {
    expect(transition('SUSPENDED', 'verify').kind).toBe('refused');
    expect(transition('INVITED', 'reinstate').kind).toBe('refused');
  });
});
