/**
 * What it takes to run a practice, the other thing users of practice registries say they
 * miss: is there a manual, is training needed, which staff with which qualifications, what
 * it costs, how long it runs, and which law it needs in each country (a protocol for
 * interviewing child victims may rest on a code of criminal procedure that one country
 * has and the next does not). Every part is optional but typed: "unknown" is said
 * explicitly (cost band UNKNOWN, no duration), so a reader tells "not needed" from
 * "not said".
 */
import { COUNTRY_CODE, DomainError } from '@cpx/platform';
import { plainTextField } from '../../content/domain/plain-text-field';

/** Yearly running cost in euros, in bands a reader can compare across countries. */
export const COST_BANDS = {
  NONE: 'no running cost beyond existing staff time',
  LOW: 'under €10,000 a year',
  MEDIUM: '€10,000 to €100,000 a year',
  HIGH: 'over €100,000 a year',
  UNKNOWN: 'not known',
} as const;
export type CostBand = keyof typeof COST_BANDS;

export const DURATION_UNITS = ['DAYS', 'WEEKS', 'MONTHS', 'YEARS'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];
export type Duration = { readonly kind: 'FIXED'; readonly value: number; readonly unit: DurationUnit } | { readonly kind: 'ONGOING' };

export interface StaffNeed {
  readonly role: string;
  readonly count?: number;
  readonly qualifications: string;
}

export interface LegalPrerequisite {
  /** ISO 3166-1 alpha-2 (XK included). */
  readonly country: string;
  readonly text: string;
}

export interface Implementation {
  readonly manualAvailable: boolean;
  readonly trainingNeeded: boolean;
  readonly training?: string;
  readonly staff: readonly StaffNeed[];
  readonly costBand: CostBand;
  readonly duration?: Duration;
  readonly legalPrerequisites: readonly LegalPrerequisite[];
}

export const MAX_STAFF_NEEDS = 20;
export const MAX_STAFF_COUNT = 1000;
export const MAX_DURATION_VALUE = 1000;
export const MAX_LEGAL_PREREQUISITES = 30;
export const MAX_ROLE_LENGTH = 200;
export const MAX_IMPLEMENTATION_TEXT_LENGTH = 2000;

/** The block as stored, or BAD_USER_INPUT naming the field (`input.implementation.staff.1.count`). */
export function checkedImplementation(input: Implementation, field = 'input.implementation'): Implementation {
  const text = (value: string, at: string) => plainTextField(value, `${field}.${at}`, { max: MAX_IMPLEMENTATION_TEXT_LENGTH });
  if (!(input.costBand in COST_BANDS)) throw DomainError.badInput(`${field}.costBand`, `A cost band is one of ${Object.keys(COST_BANDS).join(', ')}.`);
  if (input.training !== undefined && !input.trainingNeeded) {
    throw DomainError.badInput(`${field}.training`, 'Describe training only when training is needed.');
  }
  if (input.staff.length > MAX_STAFF_NEEDS) throw DomainError.badInput(`${field}.staff`, `At most ${MAX_STAFF_NEEDS} staff roles.`);
  const staff = input.staff.map((need, index) => {
    const at = `staff.${index}`;
    if (need.count !== undefined && (!Number.isInteger(need.count) || need.count < 1 || need.count > MAX_STAFF_COUNT)) {
      throw DomainError.badInput(`${field}.${at}.count`, `A staff count is a whole number from 1 to ${MAX_STAFF_COUNT}.`);
    }
    return {
      role: plainTextField(need.role, `${field}.${at}.role`, { max: MAX_ROLE_LENGTH, singleLine: true }),
      ...(need.count === undefined ? {} : { count: need.count }),
      qualifications: text(need.qualifications, `${at}.qualifications`),
    };
  });
  if (input.duration?.kind === 'FIXED') {
    const { value, unit } = input.duration;
    if (!Number.isInteger(value) || value < 1 || value > MAX_DURATION_VALUE) {
      throw DomainError.badInput(`${field}.duration.value`, `A duration is a whole number from 1 to ${MAX_DURATION_VALUE}.`);
    }
    if (!(DURATION_UNITS as readonly string[]).includes(unit)) throw DomainError.badInput(`${field}.duration.unit`, `A unit is one of ${DURATION_UNITS.join(', ')}.`);
  }
  if (input.legalPrerequisites.length > MAX_LEGAL_PREREQUISITES) {
    throw DomainError.badInput(`${field}.legalPrerequisites`, `At most ${MAX_LEGAL_PREREQUISITES} countries.`);
  }
  const countries = new Set<string>();
  const legalPrerequisites = input.legalPrerequisites.map((prerequisite, index) => {
    const at = `${field}.legalPrerequisites.${index}`;
    if (!COUNTRY_CODE.test(prerequisite.country)) throw DomainError.badInput(`${at}.country`, 'A country is an ISO 3166-1 alpha-2 code (XK for Kosovo).');
    if (countries.has(prerequisite.country)) throw DomainError.badInput(`${at}.country`, `${prerequisite.country} is listed twice: say all it needs there in one text.`);
    countries.add(prerequisite.country);
    return { country: prerequisite.country, text: text(prerequisite.text, `legalPrerequisites.${index}.text`) };
  });
  return {
    manualAvailable: input.manualAvailable,
    trainingNeeded: input.trainingNeeded,
    ...(input.training === undefined ? {} : { training: text(input.training, 'training') }),
    staff,
    costBand: input.costBand,
    ...(input.duration === undefined ? {} : { duration: input.duration }),
    legalPrerequisites,
  };
}

/** What the law requires in `country`, for a reader there; undefined when the practice says nothing about it. */
export function legalPrerequisiteFor(implementation: Implementation, country: string): string | undefined {
  return implementation.legalPrerequisites.find((prerequisite) => prerequisite.country === country)?.text;
}
