/**
 * Characters a reader does not see. Format characters (Unicode category Cf: zero-width
 * space, zero-width (non-)joiner, word joiner, soft hyphen, bidirectional marks, the BOM,
 * tag characters ...) and letters that render as blank (Hangul fillers) can sit inside a
 * name without changing how it looks: "Mar\u200Bko" reads "Marko". Every comparison of
 * text with a name removes them first; the services' plain-text check refuses format
 * characters outright (@cpx/platform, validation/plain-text.ts).
 */

/** Category Cf, the combining grapheme joiner, variation selectors and blank-rendering letters. */
// eslint-disable-next-line no-misleading-character-class -- each combining character is listed to be removed on its own
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u180B-\u180F\u3164\uFE00-\uFE0F\uFFA0]/gu;

/** `text` without the characters a reader cannot see (see above). */
export function withoutInvisibleCharacters(text: string): string {
  return text.replace(INVISIBLE, '');
}

/** Whether `codePoint` is a format character (category Cf). */
export function isFormatCharacter(codePoint: number): boolean {
  return /^\p{Cf}$/u.test(String.fromCodePoint(codePoint));
}
