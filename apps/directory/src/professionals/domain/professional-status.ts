/**
 * The verification lifecycle of a professional, as pure rules:
 * INVITED -> VERIFIED (an agency admin vouches for them), VERIFIED or INVITED -> SUSPENDED,
 * SUSPENDED -> VERIFIED (reinstated). Asking for the state one is already in changes
 * nothing and is not an error, so a retried request is harmless.
 */
export type ProfessionalStatus = 'INVITED' | 'VERIFIED' | 'SUSPENDED';
export type StatusChange = 'verify' | 'suspend' | 'reinstate';

export type Transition =
  | { kind: 'change'; to: ProfessionalStatus }
  | { kind: 'unchanged' }
  | { kind: 'refused'; why: string };

export function transition(from: ProfessionalStatus, change: StatusChange): Transition {
  switch (change) {
    case 'verify':
      if (from === 'VERIFIED') return { kind: 'unchanged' };
      if (from === 'SUSPENDED') return { kind: 'refused', why: 'A suspended professional is reinstated, not verified.' };
      return { kind: 'change', to: 'VERIFIED' };
    case 'suspend':
      return from === 'SUSPENDED' ? { kind: 'unchanged' } : { kind: 'change', to: 'SUSPENDED' };
    case 'reinstate':
      if (from === 'SUSPENDED') return { kind: 'change', to: 'VERIFIED' };
      return from === 'VERIFIED'
        ? { kind: 'unchanged' }
        : { kind: 'refused', why: 'Only a suspended professional can be reinstated.' };
  }
}
