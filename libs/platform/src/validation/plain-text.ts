/**
 * Every string a service receives must be text a person could have typed and read: no
 * control characters (tab, line feed and carriage return aside), no format characters
 * (Unicode category Cf: zero-width space, word joiner, soft hyphen, bidirectional marks,
 * embeddings, overrides and isolates, the BOM, tag characters ...), no unpaired
 * surrogate halves, no non-characters U+FFFE and U+FFFF. A NUL cannot even be stored
 * (Postgres refuses it in text and jsonb, and the request would fail as an internal
 * error); a lone surrogate is not Unicode (encoding it to UTF-8 replaces it); the others
 * hide or reorder what a reader sees, so a name could pass for another ("Trojan Source"),
 * or a child's name slip past the name guard ("Mar\u200Bko"). Checked once for every
 * request, before any handler runs, with the field at fault named as the request spells
 * it; the gateway runs the same check on every argument before anything is sent.
 *
 * One format character is let through: the zero-width joiner (U+200D) between two
 * pictographs, inside an emoji sequence such as a family or a profession with a skin
 * tone. Anywhere else, between letters included, it is refused: names in free texts
 * matter more than the few scripts of the region's migrants that need it between
 * letters (Devanagari, Persian), whose texts can be written without it. Letters and marks
 * of every script (Latin with any diacritic, Cyrillic, Greek, Romani orthographies) are
 * not format characters and all pass.
 */
import { DomainError } from '../errors/domain-error';

// C0 controls but \t \n \r, DEL, C1 controls, format characters (bidi controls among them),
// surrogate code units (only an unpaired one can be seen by a /u expression), non-characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\p{Cf}\p{Cs}\uFFFE\uFFFF]/gu;
const ZERO_WIDTH_JOINER = 0x200d;
/** What may stand before a joiner in an emoji sequence: a pictograph, its skin tone, or the emoji presentation selector. */
// eslint-disable-next-line no-misleading-character-class -- the selector U+FE0F is one of the characters looked for, on its own
const BEFORE_EMOJI_JOINER = /[\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F]$/u;
const AFTER_EMOJI_JOINER = /^\p{Extended_Pictographic}/u;

/** The first forbidden character of `text`, as U+XXXX, or undefined. */
export function forbiddenCharacterIn(text: string): string | undefined {
  for (const match of text.matchAll(FORBIDDEN_CHARACTER)) {
    const codePoint = match[0].codePointAt(0)!;
    if (codePoint === ZERO_WIDTH_JOINER && joinsEmoji(text, match.index)) continue;
    return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return undefined;
}

function joinsEmoji(text: string, at: number): boolean {
  return BEFORE_EMOJI_JOINER.test(text.slice(Math.max(0, at - 2), at)) && AFTER_EMOJI_JOINER.test(text.slice(at + 1, at + 3));
}

/**
 * BAD_USER_INPUT naming the first string field (a dotted path such as `contacts.0.value`)
 * that holds a forbidden character. Walks a decoded protobuf message: nested messages,
 * repeated fields, maps and oneofs (named by their case); bytes are not text.
 */
export function assertPlainText(message: unknown, path = ''): void {
  if (typeof message === 'string') {
    const character = forbiddenCharacterIn(message);
    if (character) throw DomainError.badInput(path || 'request', `Text may not contain control, invisible format or unpaired surrogate characters (found ${character}).`);
    return;
  }
  if (message === null || typeof message !== 'object' || message instanceof Uint8Array) return;
  if (Array.isArray(message)) {
    message.forEach((item, index) => assertPlainText(item, join(path, String(index))));
    return;
  }
  const record = message as Record<string, unknown>;
  if (typeof record['case'] === 'string' && 'value' in record && Object.keys(record).length === 2) {
    assertPlainText(record['value'], join(path, record['case']));
    return;
  }
  for (const [key, value] of Object.entries(record)) {
    if (key.startsWith('$')) continue;
    assertPlainText(value, join(path, key));
  }
}

function join(path: string, segment: string): string {
  return path ? `${path}.${segment}` : segment;
}
