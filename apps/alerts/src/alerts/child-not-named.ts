/**
 * The title and summary of an alert reach everyone it is sent to, the attachés and the
 * audit, in clear and for as long as the alert is kept; only the child's record is
 * sealed, shown on need-to-know and erased after retention. A name typed into the title
 * would defeat all of that, so a post whose title or summary contains one of the child's
 * names or aliases (as a whole word, whatever the case, diacritics or script: "Jovanović",
 * "JOVANOVIC" and "Јовановић" are one name) is refused. The name is never echoed back.
 */
import { DomainError, foldText, transliterate } from '@cpx/platform';

/** Names shorter than this are too often ordinary words to refuse a text for. */
const MIN_NAME_LENGTH = 3;

function words(text: string): string[] {
  return transliterate(foldText(text))
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

export function assertChildNotNamed(texts: { field: string; text: string }[], names: readonly string[]): void {
  const nameWords = new Set(names.flatMap(words).filter((word) => word.length >= MIN_NAME_LENGTH));
  if (nameWords.size === 0) return;
  for (const { field, text } of texts) {
    if (words(text).some((word) => nameWords.has(word))) {
      throw DomainError.badInput(
        field,
        `${field} must not name the child: it is shown to everyone the alert reaches and kept in clear. Put names in the child's record, which is sealed.`,
      );
    }
  }
}
