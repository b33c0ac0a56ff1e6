import { isUnrouted, newRecipients } from './recipients';

describe('routing rules', () => {
  it('adds on escalation only who does not receive the alert yet, each once', () => {
    const current = [{ professionalId: 'p-1' }, { professionalId: 'p-2' }];
    const focalPoints = [{ professionalId: 'p-2', reason: 'ESCALATION' }, { professionalId: 'p-3', reason: 'ESCALATION' }, { professionalId: 'p-3', reason: 'ESCALATION' }];
    expect(newRecipients(current, focalPoints)).toEqual([{ professionalId: 'p-3', reason: 'ESCALATION' }]);
  });

  it('calls a country with nobody to receive the alert unrouted', () => {
    expect(isUnrouted([])).toBe(true);
    expect(isUnrouted([{ professionalId: 'p-1' }])).toBe(false);
  });
});
