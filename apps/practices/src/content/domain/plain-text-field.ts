/**
 * A free-text field of the library that is not Markdown (a title, a reason, a comment, a
 * report): what every such field is checked for, once, in one place. It is stored in NFC
 * and trimmed, so the diff of two revisions and the search see one spelling; its length is
 * counted in characters (code points) after that, as a reader counts them.
 */
import { DomainError, forbiddenCharacterIn } from '@cpx/platform';

export interface PlainTextRule {
  readonly min?: number;
  readonly max: number;
  /** A title or label: no line breaks. */
  readonly singleLine?: boolean;
}

// NFC composes at most a few code points into one, each at most two UTF-16 units: past eight
// units a character, a text cannot come within the limit, and is refused before it is scanned.
const MAX_UNITS_PER_CHARACTER = 8;

export function plainTextField(raw: string, field: string, rule: PlainTextRule): string {
  if (raw.length > rule.max * MAX_UNITS_PER_CHARACTER) throw DomainError.badInput(field, `${field} is at most ${rule.max} characters.`);
  const character = forbiddenCharacterIn(raw);
  if (character) throw DomainError.badInput(field, `Text may not contain control, invisible format or unpaired surrogate characters (found ${character}).`);
  const text = raw.normalize('NFC').replace(/\r\n?/g, '\n').trim();
  const length = [...text].length;
  const min = rule.min ?? 1;
  if (length < min) throw DomainError.badInput(field, min === 1 ? `${field} may not be blank.` : `${field} is at least ${min} characters.`);
  if (length > rule.max) throw DomainError.badInput(field, `${field} is at most ${rule.max} characters.`);
  if (rule.singleLine && /[\n\t]/.test(text)) throw DomainError.badInput(field, `${field} is one line.`);
  return text;
}
