/**
 * A practice's content, as one revision holds it, and the limits of each field. Checked
 * whole by `checkedPracticeContent` on the way in (draft, revision, resubmission alike):
 * the stored content is NFC, trimmed, its Markdown safe (content/domain/safe-markdown.ts),
 * its vocabulary known; the first fault is BAD_USER_INPUT naming the field as the caller
 * wrote it, and nothing is stored.
 *
 * A draft is checked like a submission: the limits are about what may be stored, and a
 * draft that could never be submitted helps nobody. What only a submission needs (a
 * theme, a country) is checked in the workflow (`submissionProblem`), so a half-written
 * draft can still be saved.
 */
import { COUNTRY_CODE, DomainError, requireId, type Principal } from '@cpx/platform';
import { plainTextField } from '../../content/domain/plain-text-field';
import { destinationProblem, MAX_BODY_BYTES, safeMarkdown } from '../../content/domain/safe-markdown';
import { MAX_ATTACHMENTS } from '../../content/domain/attachment-type';
import { isPracticeLanguage, type PracticeLanguage } from '../../search/domain/search-languages';
import type { CuratedTheme } from '../../vocabulary/domain/curated-theme';
import { assertTargetGroups, assertThemes } from '../../vocabulary/domain/vocabulary';
import type { TargetGroupCode } from '../../vocabulary/domain/target-groups';
import { checkedEvidence, type Evidence } from './evidence';
import { checkedImplementation, type Implementation } from './implementation';

/** The alert kinds a practice helps with: the directory's AlertKind (proto) names, without the prefix. */
export const ALERT_KINDS = [
  'MISSING_CHILD',
  'CHILD_FOUND',
  'UNACCOMPANIED_MINOR',
  'SUSPECTED_TRAFFICKING',
  'SEXUAL_EXPLOITATION',
  'LABOUR_EXPLOITATION',
  'FORCED_BEGGING',
  'FORCED_CRIMINALITY',
  'FORCED_MARRIAGE',
  'OTHER_RISK',
] as const;
export type AlertKindName = (typeof ALERT_KINDS)[number];

export const LIMITS = {
  title: { min: 3, max: 200 },
  summary: { max: 2000 },
  bodyBytes: MAX_BODY_BYTES,
  themes: 10,
  targetGroups: 20,
  countries: 30,
  organisations: 20,
  organisationName: 200,
  alertKinds: ALERT_KINDS.length,
  contacts: 20,
  links: 20,
  linkLabel: 200,
  linkUrl: 2000,
  attachments: MAX_ATTACHMENTS,
} as const;

/** A directory agency by id, or an organisation outside the directory by name. */
export type Organisation = { readonly agencyId: string } | { readonly name: string };

export interface PracticeLink {
  readonly url: string;
  readonly label: string;
}

export interface PracticeContent {
  /** The language it is written in (a translation is another language of the same revision). */
  readonly language: PracticeLanguage;
  readonly title: string;
  readonly summary: string;
  /** Markdown, safe to render. */
  readonly body: string;
  readonly themes: readonly string[];
  readonly targetGroups: readonly TargetGroupCode[];
  readonly countries: readonly string[];
  readonly organisations: readonly Organisation[];
  readonly alertKinds: readonly AlertKindName[];
  /** Directory professionals' ids. */
  readonly contacts: readonly string[];
  readonly links: readonly PracticeLink[];
  /** Ids of attachments already checked and stored (content/domain/attachment-type.ts). */
  readonly attachments: readonly string[];
  readonly evidence: Evidence;
  readonly implementation: Implementation;
}

export interface ContentContext {
  /** The curated themes of the vocabulary now. */
  readonly curatedThemes: readonly CuratedTheme[];
  /** Who writes it: only a curator may mark it concerning, or lift the mark. */
  readonly by: Principal;
  /** The content of the revision this one follows (the draft before the edit, or the published one), if any. */
  readonly previous?: PracticeContent;
}

export function checkedPracticeContent(input: PracticeContent, context: ContentContext, field = 'input'): PracticeContent {
  if (!isPracticeLanguage(input.language)) throw DomainError.badInput(`${field}.language`, `${input.language} is not one of the library's languages.`);
  const title = plainTextField(input.title, `${field}.title`, { ...LIMITS.title, singleLine: true });
  const summary = plainTextField(input.summary, `${field}.summary`, LIMITS.summary);
  const body = safeMarkdown(input.body, `${field}.body`, { maxBytes: LIMITS.bodyBytes });
  listAtMost(input.themes, LIMITS.themes, `${field}.themes`);
  assertThemes(input.themes, context.curatedThemes, `${field}.themes`);
  listAtMost(input.targetGroups, LIMITS.targetGroups, `${field}.targetGroups`);
  assertTargetGroups(input.targetGroups, `${field}.targetGroups`);
  listAtMost(input.countries, LIMITS.countries, `${field}.countries`);
  unique(input.countries, `${field}.countries`, (country, at) => {
    if (!COUNTRY_CODE.test(country)) throw DomainError.badInput(at, 'A country is an ISO 3166-1 alpha-2 code (XK for Kosovo).');
  });
  listAtMost(input.alertKinds, LIMITS.alertKinds, `${field}.alertKinds`);
  unique(input.alertKinds, `${field}.alertKinds`, (kind, at) => {
    if (!(ALERT_KINDS as readonly string[]).includes(kind)) throw DomainError.badInput(at, `${kind} is not an alert kind.`);
  });
  listAtMost(input.organisations, LIMITS.organisations, `${field}.organisations`);
  const organisations = input.organisations.map((organisation, index): Organisation => {
    const at = `${field}.organisations.${index}`;
    return 'agencyId' in organisation
      ? { agencyId: requireId(organisation.agencyId, `${at}.agencyId`) }
      : { name: plainTextField(organisation.name, `${at}.name`, { max: LIMITS.organisationName, singleLine: true }) };
  });
  listAtMost(input.contacts, LIMITS.contacts, `${field}.contacts`);
  const contacts = input.contacts.map((id, index) => requireId(id, `${field}.contacts.${index}`));
  unique(contacts, `${field}.contacts`, () => undefined);
  listAtMost(input.links, LIMITS.links, `${field}.links`);
  const links = input.links.map((link, index) => checkedLink(link, `${field}.links.${index}`));
  listAtMost(input.attachments, LIMITS.attachments, `${field}.attachments`);
  const attachments = input.attachments.map((id, index) => requireId(id, `${field}.attachments.${index}`));
  unique(attachments, `${field}.attachments`, () => undefined);
  return {
    language: input.language,
    title,
    summary,
    body,
    themes: [...input.themes],
    targetGroups: [...input.targetGroups],
    countries: [...input.countries],
    organisations,
    alertKinds: [...input.alertKinds],
    contacts,
    links,
    attachments,
    evidence: checkedEvidence(input.evidence, context.by, `${field}.evidence`, context.previous?.evidence),
    implementation: checkedImplementation(input.implementation, `${field}.implementation`),
  };
}

/** A link a reader follows from the practice page: absolute http(s) only (no mailto: contacts are directory professionals). */
function checkedLink(link: PracticeLink, field: string): PracticeLink {
  const url = plainTextField(link.url, `${field}.url`, { max: LIMITS.linkUrl, singleLine: true });
  if (!/^https?:\/\/[^\s/?#]+/i.test(url) || /\s/.test(url) || destinationProblem(url)) {
    throw DomainError.badInput(`${field}.url`, 'A link is an absolute http:// or https:// URL.');
  }
  return { url, label: plainTextField(link.label, `${field}.label`, { max: LIMITS.linkLabel, singleLine: true }) };
}

function listAtMost(list: readonly unknown[], max: number, field: string): void {
  if (list.length > max) throw DomainError.badInput(field, `At most ${max} entries.`);
}

function unique<T>(list: readonly T[], field: string, check: (value: T, at: string) => void): void {
  const seen = new Set<T>();
  list.forEach((value, index) => {
    check(value, `${field}.${index}`);
    if (seen.has(value)) throw DomainError.badInput(`${field}.${index}`, 'Listed twice.');
    seen.add(value);
  });
}
