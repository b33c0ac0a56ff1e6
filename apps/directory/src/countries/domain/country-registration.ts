/**
 * Whether a registration repeats the country stored under its code or contradicts it.
 * Registering is safe to retry (a lost reply, two admins at once): the same name and the
 * same languages, in any order, are the same registration. Other data under a stored code
 * is a contradiction, not an update: the code is what agencies, shifts, alerts and partner
 * subscriptions already point at, and a registration that silently renamed it would
 * change what they mean.
 */
export interface CountryFacts {
  code: string;
  name: string;
  languages: readonly string[];
}

export interface Contradiction {
  field: 'input.name' | 'input.languages';
  why: string;
}

export function contradictionOf(stored: CountryFacts, requested: CountryFacts): Contradiction | undefined {
  if (stored.name !== requested.name) {
    return { field: 'input.name', why: `${stored.code} is already registered, as ${stored.name}.` };
  }
  if (!sameSet(stored.languages, requested.languages)) {
    const languages = stored.languages.length > 0 ? stored.languages.join(', ') : 'no languages';
    return { field: 'input.languages', why: `${stored.code} is already registered, with ${languages}.` };
  }
  return undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((value) => right.has(value));
}
