/** For unit specs: the DomainError an action is refused with, as a caller would see it. */
import { isDomainError } from '@cpx/platform';

export interface Refusal {
  code: string;
  field?: string;
  message: string;
}

export async function refusalOf(action: () => unknown): Promise<Refusal> {
  try {
    await action();
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, field: error.field, message: error.message };
    throw error;
  }
  throw new Error('Expected the action to be refused, and it went through.');
}
