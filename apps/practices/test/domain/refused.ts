/** For the domain specs: the DomainError a pure rule refuses with (the rules are synchronous; alerts' refusalOf awaits). */
import { isDomainError, type DomainError } from '@cpx/platform';

export function refused(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (isDomainError(error)) return error;
    throw error;
  }
  throw new Error('Expected the action to be refused, and it went through.');
}
