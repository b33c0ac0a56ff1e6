/**
 * A curator's comment on one section of a revision under review, so the author knows
 * exactly what to change ("evidence: the study is about adults") and the next review can
 * check that section again. The sections are those of the diff (revisions/domain), so a
 * comment and a change line up.
 */
import { DomainError } from '@cpx/platform';
import { plainTextField } from '../../content/domain/plain-text-field';

export const SECTIONS = [
  'title',
  'summary',
  'body',
  'themes',
  'targetGroups',
  'countries',
  'organisations',
  'alertKinds',
  'contacts',
  'links',
  'attachments',
  'evidence',
  'implementation',
  'general',
] as const;
export type Section = (typeof SECTIONS)[number];

export const MAX_COMMENT_LENGTH = 4000;

export interface ReviewComment {
  readonly revision: number;
  readonly section: Section;
  readonly text: string;
  readonly by: string;
  readonly at: Date;
}

export function checkedComment(section: string, text: string, field = 'input'): { section: Section; text: string } {
  if (!(SECTIONS as readonly string[]).includes(section)) {
    throw DomainError.badInput(`${field}.section`, `A comment is on one of: ${SECTIONS.join(', ')}.`);
  }
  return { section: section as Section, text: plainTextField(text, `${field}.text`, { max: MAX_COMMENT_LENGTH }) };
}
