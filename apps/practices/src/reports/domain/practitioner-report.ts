/**
 * A practitioner's report: a professional who used a published practice says where, when
 * and how it went, briefly, for colleagues deciding whether to try it.
 *
 * "No child named". For an alert the name guard (@cpx/names NameGuard, as
 * apps/alerts/src/alerts/domain/child-not-named.ts uses it) compares each text with the
 * names of the child in the alert's sealed record: it knows which names to look for. A
 * report has no child record, so there is nothing to compare with, and telling from the
 * text alone that it carries a person's name is NOT possible reliably: a list of first
 * names would refuse ordinary words that are also names across the region's languages
 * (Zora "dawn", Vesna "spring", Roma, Dragan, Mira "peace") and still miss most names
 * and nicknames; capitalised pairs are every town, school and agency. Refusing on such a
 * guess would refuse honest reports and give false assurance. What is possible, and done:
 *   - the texts are short (a place, a few sentences), plain (no Markdown, no links), and
 *     free of control and invisible characters (@cpx/platform forbiddenCharacterIn: the
 *     same Cf rule that keeps "Mar\u200Bko" from slipping past a guard), so there is
 *     little room and no hidden channel for a case file;
 *   - the identifiers that CAN be recognised are refused: e-mail addresses, web links,
 *     runs of seven or more digits (phone numbers, personal and case numbers such as a
 *     13-digit JMBG) and full calendar dates (a date of birth with a place identifies a
 *     child; a report's period is a separate field of month precision);
 *   - the reporter confirms, in the request, that the texts identify no child;
 *   - a curator can hide a report (with a reason), and hidden reports are not counted.
 */
import { COUNTRY_CODE, DomainError, hasRole } from '@cpx/platform';
import { plainTextField } from '../../content/domain/plain-text-field';
import { isAuthor, isCurator, type Actor } from '../../workflow/domain/practice-access';
import type { Practice } from '../../workflow/domain/practice-workflow';

export const OUTCOMES = ['WORKED_WELL', 'WORKED_PARTLY', 'DID_NOT_WORK', 'TOO_EARLY_TO_SAY'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const MAX_PLACE_LENGTH = 100;
export const MAX_ACCOUNT_LENGTH = 1000;
export const MAX_ADAPTATIONS_LENGTH = 500;
/** The earliest month a report may start: the platform's library holds current practice. */
export const EARLIEST_MONTH = '2000-01';

/** Calendar months `YYYY-MM`: precise enough to say when, too coarse to date a birth. */
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface ReportInput {
  readonly country: string;
  /** A town or region, not an address. */
  readonly place: string;
  readonly from: string;
  /** Omitted while still running. */
  readonly to?: string;
  readonly outcome: Outcome;
  /** How it went. */
  readonly account: string;
  /** What had to be changed to make it work here. */
  readonly adaptations?: string;
  /** The reporter confirms that no text identifies a child. */
  readonly confirmsNoChildIdentified: boolean;
}

export interface PractitionerReport extends Omit<ReportInput, 'confirmsNoChildIdentified'> {
  readonly revision: number;
  readonly reporter: string;
  readonly hidden?: { readonly reason: string; readonly by: string };
}

/** The report as it will be stored, or the typed error naming the field. */
export function checkedReport(practice: Practice, input: ReportInput, actor: Actor, now: Date, field = 'input'): PractitionerReport {
  if (!hasRole(actor.principal, 'professional') || !actor.verified) throw DomainError.forbidden('Only verified professionals report on a practice.');
  if (!practice.published || practice.archived) throw DomainError.conflict('Only a published practice takes reports.');
  if (isAuthor(actor, practice)) throw DomainError.forbidden('Reports are colleagues’ experience of a practice: its author tells theirs in the practice itself.');
  if (input.confirmsNoChildIdentified !== true) {
    throw DomainError.badInput(`${field}.confirmsNoChildIdentified`, 'Confirm that nothing in the report identifies a child.');
  }
  if (!COUNTRY_CODE.test(input.country)) throw DomainError.badInput(`${field}.country`, 'A country is an ISO 3166-1 alpha-2 code (XK for Kosovo).');
  if (!(OUTCOMES as readonly string[]).includes(input.outcome)) throw DomainError.badInput(`${field}.outcome`, `An outcome is one of ${OUTCOMES.join(', ')}.`);
  const current = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  checkedMonth(input.from, `${field}.from`, current);
  if (input.to !== undefined) {
    checkedMonth(input.to, `${field}.to`, current);
    if (input.to < input.from) throw DomainError.badInput(`${field}.to`, 'The end is not before the start.');
  }
  const place = freeText(input.place, `${field}.place`, MAX_PLACE_LENGTH, true);
  const account = freeText(input.account, `${field}.account`, MAX_ACCOUNT_LENGTH, false);
  const adaptations = input.adaptations === undefined ? undefined : freeText(input.adaptations, `${field}.adaptations`, MAX_ADAPTATIONS_LENGTH, false);
  return {
    country: input.country,
    place,
    from: input.from,
    ...(input.to === undefined ? {} : { to: input.to }),
    outcome: input.outcome,
    account,
    ...(adaptations === undefined ? {} : { adaptations }),
    revision: practice.published.revision,
    reporter: actor.principal.subject,
  };
}

/** The report hidden by a curator, with the reason (kept, not deleted: what was said and why it was hidden stay on record). */
export function hiddenReport(report: PractitionerReport, reason: string, actor: Actor): PractitionerReport {
  if (!isCurator(actor)) throw DomainError.forbidden('Only a curator hides a report.');
  if (report.hidden) throw DomainError.conflict('The report is hidden already.');
  return { ...report, hidden: { reason: plainTextField(reason, 'input.reason', { min: 10, max: 2000 }), by: actor.principal.subject } };
}

function checkedMonth(value: string, field: string, current: string): void {
  if (!MONTH.test(value)) throw DomainError.badInput(field, 'A month is written YYYY-MM.');
  if (value < EARLIEST_MONTH || value > current) throw DomainError.badInput(field, `A month from ${EARLIEST_MONTH} to this month.`);
}

const EMAIL = /[^\s@]+@[^\s@]+\.[^\s@]+/u;
const LINK = /\b(?:https?:\/\/|www\.)\S+|\b[a-z][a-z0-9+.-]*:\/\/\S+/iu;
// Seven or more digits, allowing the spaces, dots, dashes and slashes people write them with.
const LONG_NUMBER = /\d(?:[\s./-]?\d){6,}/u;
// A full calendar date: 12.03.2015, 12/3/2015, 2015-03-12, 12. 3. 2015.
const FULL_DATE = /\b\d{1,2}\s?[./-]\s?\d{1,2}\s?[./-]\s?(?:19|20)\d{2}\b|\b(?:19|20)\d{2}-\d{1,2}-\d{1,2}\b/u;

// A span of school or calendar years (2015-2017, 2019/20) is not an identifier; it is taken out before looking for long numbers.
const YEAR_SPAN = /\b(?:19|20)\d{2}\s?[-/–]\s?(?:(?:19|20)\d{2}|\d{2})\b/gu;

function freeText(raw: string, field: string, max: number, singleLine: boolean): string {
  const text = plainTextField(raw, field, { max, singleLine });
  const withoutYearSpans = text.replace(YEAR_SPAN, ' ');
  const problem: Array<[RegExp, string]> = [
    [EMAIL, 'an e-mail address'],
    [LINK, 'a link'],
    [FULL_DATE, 'a full date (say the month in the report’s period)'],
    [LONG_NUMBER, 'a long number (a phone, personal or case number)'],
  ];
  for (const [pattern, what] of problem) {
    if (pattern.test(pattern === LONG_NUMBER ? withoutYearSpans : text)) throw DomainError.badInput(field, `A report may not contain ${what}: it could identify a child.`);
  }
  return text;
}
