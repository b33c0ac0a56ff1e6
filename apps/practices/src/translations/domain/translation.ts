/**
 * A translation of a practice into another of the thirteen languages. It records the
 * revision it was translated from, and that alone decides whether it is OUTDATED: exactly
 * when that revision is no longer the published one. Never by timestamps: a translation
 * saved after a revision was published may still be of the older text (the translator
 * started from it), and one saved long before may be of the very text now published (a
 * revision withdrawn, the published one still standing).
 *
 * Written by anyone who may draft (a verified professional, a curator); a draft
 * translation is changed by its translator or a curator, nobody else. Published by a
 * curator, and only when it is of the revision published now (readers would otherwise see
 * in their language a text nobody reviewed, or one already out of date). Like a revision,
 * a new translation into a language is a draft beside the published one, which readers
 * keep seeing (with the outdated note if it is) until the new one is published in its place.
 */
import { DomainError } from '@cpx/platform';
import { plainTextField } from '../../content/domain/plain-text-field';
import { safeMarkdown } from '../../content/domain/safe-markdown';
import { LIMITS, type PracticeContent } from '../../practices/domain/practice-content';
import { isPracticeLanguage, type PracticeLanguage } from '../../search/domain/search-languages';
import { canDraft, isCurator, type Actor } from '../../workflow/domain/practice-access';
import type { Practice } from '../../workflow/domain/practice-workflow';

export interface TranslationText {
  readonly title: string;
  readonly summary: string;
  readonly body: string;
}

export interface Translation extends TranslationText {
  readonly language: PracticeLanguage;
  /** The revision it was translated from. */
  readonly sourceRevision: number;
  readonly translatedBy: string;
  readonly published: boolean;
}

/** Outdated exactly when its source is not the revision published now (an unpublished practice has no current text to be out of date with). */
export function isOutdated(translation: Pick<Translation, 'sourceRevision'>, publishedRevision: number | undefined): boolean {
  return publishedRevision !== undefined && translation.sourceRevision !== publishedRevision;
}

/** A translation as it will be stored (not yet published), or the typed error. */
export function checkedTranslation(
  practice: Practice,
  original: Pick<PracticeContent, 'language'>,
  input: TranslationText & { readonly language: string; readonly sourceRevision: number },
  actor: Actor,
  field = 'input',
  /** The draft this replaces, when one into that language is being worked on. */
  existingDraft?: Pick<Translation, 'translatedBy'>,
): Translation {
  if (!canDraft(actor)) throw DomainError.forbidden('Only verified professionals and curators translate practices.');
  if (existingDraft && existingDraft.translatedBy !== actor.principal.subject && !isCurator(actor)) {
    throw DomainError.forbidden('Another translator is working on this translation: only they or a curator change it.');
  }
  if (practice.archived) throw DomainError.conflict('The practice is archived.');
  if (!isPracticeLanguage(input.language)) throw DomainError.badInput(`${field}.language`, `${input.language} is not one of the library's languages.`);
  if (input.language === original.language) throw DomainError.badInput(`${field}.language`, `The practice is written in ${input.language}: a translation is into another language.`);
  const revisions = [practice.published?.revision, practice.working?.revision].filter((revision) => revision !== undefined);
  if (!revisions.includes(input.sourceRevision)) {
    throw DomainError.badInput(`${field}.sourceRevision`, `Translate the published revision or the one being worked on (${revisions.join(' or ')}).`);
  }
  return {
    language: input.language,
    sourceRevision: input.sourceRevision,
    title: plainTextField(input.title, `${field}.title`, { ...LIMITS.title, singleLine: true }),
    summary: plainTextField(input.summary, `${field}.summary`, LIMITS.summary),
    body: safeMarkdown(input.body, `${field}.body`, { maxBytes: LIMITS.bodyBytes }),
    translatedBy: actor.principal.subject,
    published: false,
  };
}

/** The translation published, or FORBIDDEN / CONFLICT. */
export function publishedTranslation(practice: Practice, translation: Translation, actor: Actor): Translation {
  if (!isCurator(actor)) throw DomainError.forbidden('Only a curator publishes a translation.');
  if (practice.archived) throw DomainError.conflict('The practice is archived.');
  if (!practice.published) throw DomainError.conflict('The practice is not published yet: its translations are published after it.');
  if (translation.sourceRevision !== practice.published.revision) {
    throw DomainError.conflict(
      `This translation is of revision ${translation.sourceRevision}, but revision ${practice.published.revision} is published: update it first.`,
      'sourceRevision',
    );
  }
  return { ...translation, published: true };
}
