/**
 * A practice's Markdown (the body of a revision or of a translation; every other text is
 * plain, content/domain/plain-text-field.ts) is made safe ON THE WAY IN, by refusal: raw
 * HTML, and links or images whose destination is not http(s), mailto or tel, are
 * BAD_USER_INPUT naming the field and the line, and nothing is stored. Refusing rather than stripping, because what a curator reviews and
 * publishes must be exactly what the author wrote: a sanitiser that silently drops a
 * `<span>` or rewrites a link changes a reviewed text behind everyone's back, and the
 * author is the one who can fix it. What is stored is then plain CommonMark that any
 * renderer shows without executing anything. The web console still renders with raw
 * HTML disabled and its own link check (defence in depth): the stored text is safe, the
 * renderer does not have to trust that it is.
 *
 * Why no Markdown parser here: the rule is deliberately wider than any one dialect (a
 * `<` that opens a tag is refused even inside a code span, where CommonMark would show
 * it as text), so it holds whatever renderer a client uses (CommonMark, GFM,
 * markdown-it with `html: true` by mistake). A scanner of the few constructs that can
 * carry HTML or a URL is enough for that, and it is linear in the text.
 */
import { DomainError, forbiddenCharacterIn } from '@cpx/platform';

/** The schemes a link or image may use; anything else with a scheme is refused. */
export const ALLOWED_LINK_SCHEMES = ['http', 'https', 'mailto', 'tel'] as const;

/** UTF-8 bytes of a practice's body: a long protocol is 30 pages; a 10 MB "body" is not a text. */
export const MAX_BODY_BYTES = 200_000;

export interface MarkdownLimits {
  readonly maxBytes: number;
}

/**
 * The Markdown as stored (NFC, line endings as \n), or BAD_USER_INPUT naming `field`.
 * The size is checked first, on the bytes as received, so an oversized text costs no scan.
 */
export function safeMarkdown(text: string, field: string, limits: MarkdownLimits = { maxBytes: MAX_BODY_BYTES }): string {
  if (utf8Length(text) > limits.maxBytes) {
    throw DomainError.badInput(field, `${field} is over ${limits.maxBytes} bytes (UTF-8): shorten it or attach the long part as a document.`);
  }
  const character = forbiddenCharacterIn(text);
  if (character) throw DomainError.badInput(field, `Text may not contain control, invisible format or unpaired surrogate characters (found ${character}).`);
  const markdown = text.normalize('NFC').replace(/\r\n?/g, '\n');
  const problem = markdownProblem(markdown);
  if (problem) throw DomainError.badInput(field, `${field}, line ${lineAt(markdown, problem.at)}: ${problem.reason}`);
  return markdown;
}

export interface MarkdownProblem {
  /** Offset in the text. */
  readonly at: number;
  readonly reason: string;
}

/** The first construct that could carry HTML or an unsafe URL, or undefined. */
export function markdownProblem(markdown: string): MarkdownProblem | undefined {
  return firstOf(htmlProblem(markdown), linkProblem(markdown));
}

// `<` opening a tag, a closing tag, a comment, a declaration or a processing instruction.
const TAG_OPENER = /<[A-Za-z/!?]/g;
// An autolink: `<scheme:...>` or `<user@host>`, no spaces or `<` inside.
const AUTOLINK = /^<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/;

function htmlProblem(markdown: string): MarkdownProblem | undefined {
  for (const match of markdown.matchAll(TAG_OPENER)) {
    const at = match.index;
    const autolink = AUTOLINK.exec(markdown.slice(at, at + 2048));
    if (autolink) {
      const target = autolink[1]!;
      if (target.includes('@') && !target.includes(':')) continue;
      const reason = destinationProblem(target);
      if (reason) return { at, reason };
      continue;
    }
    return { at, reason: 'raw HTML is not allowed (write Markdown; to show a "<" before a letter, put a space after it).' };
  }
  return undefined;
}

/**
 * Link and image destinations: after `](` (inline) and after `]:` (a reference
 * definition, wherever it stands: in a list or a quote it is still one). Wider than the
 * grammar on purpose: "[1]: see above" is looked at too, and passes, having no scheme.
 */
const DESTINATION_START = /\]\(|\]:/g;

function linkProblem(markdown: string): MarkdownProblem | undefined {
  for (const match of markdown.matchAll(DESTINATION_START)) {
    const at = match.index;
    const reason = destinationsAfter(markdown, at + 2)
      .map(destinationProblem)
      .find((problem) => problem !== undefined);
    if (reason) return { at, reason };
  }
  return undefined;
}

/**
 * What follows, read two ways: the destination as CommonMark reads it (white space and one
 * line break skipped, a quote's `>` included; `<...>`, or up to white space or `)`), and,
 * for a lenient renderer that would take `java<tab>script:` as one URL, everything up to
 * `)` or the line's end with its white space removed (only its scheme is judged, so a
 * title such as "Note: ..." does not count).
 */
function destinationsAfter(markdown: string, from: number): string[] {
  LEAD.lastIndex = from;
  const at = from + LEAD.exec(markdown)![0].length;
  if (markdown[at] === '<') {
    const bracketed = markdown.slice(at + 1, at + MAX_DESTINATION);
    const end = bracketed.indexOf('>');
    return [end < 0 ? bracketed : bracketed.slice(0, end)];
  }
  STRICT.lastIndex = at;
  const strict = STRICT.exec(markdown)![0];
  LENIENT_SCHEME.lastIndex = at;
  const lenient = LENIENT_SCHEME.exec(markdown)?.[0].replace(/\s+/g, '');
  return [strict, ...(lenient ? [lenient] : [])].filter((destination) => destination !== '');
}

// Sticky, so each reads from its place without copying the text, and bounded, so a body of
// ten thousand `](` costs ten thousand short reads, not one read of the rest per `](`. What
// decides is the scheme and what comes before it, well within the first 256 characters.
const MAX_DESTINATION = 256;
const LEAD = /[ \t]{0,64}(?:\n(?:[ \t]{0,64}>){0,16})?[ \t]{0,64}/y;
const STRICT = new RegExp(`[^\\s)]{0,${MAX_DESTINATION}}`, 'y');
const LENIENT_SCHEME = /[A-Za-z][A-Za-z0-9+.\-\s]{0,64}:/y;

/**
 * Why a destination is refused, or undefined. Read as a browser would: backslash escapes
 * undone (`javascript\:` is `javascript:` to a CommonMark renderer), tab, line feed and
 * other controls and spaces removed (browsers drop them inside a scheme:
 * `java\tscript:`), case ignored. A character reference (`&#106;`, `&colon;`, and a
 * numeric one without its `;`, which browsers decode too) is refused outright: a renderer
 * decodes it, and no honest link needs one (`?a=1&b=2` has none and passes).
 */
export function destinationProblem(destination: string): string | undefined {
  if (/&(#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*;)/.test(destination)) {
    return 'a link may not contain character references (&...;): write the URL as it is.';
  }
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const read = destination.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/[\u0000-\u0020\u007F-\u009F]/g, '').toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(read)?.[1];
  if (scheme === undefined) {
    // No scheme: a relative link or an anchor. A colon before any / ? # would still be read as a scheme by some browsers.
    const colon = read.indexOf(':');
    const path = read.search(/[/?#]/);
    if (colon >= 0 && (path < 0 || colon < path)) return 'a link must be an http(s), mailto or tel URL, or a relative one.';
    return undefined;
  }
  if (!(ALLOWED_LINK_SCHEMES as readonly string[]).includes(scheme)) {
    return `links to "${scheme}:" are not allowed (only ${ALLOWED_LINK_SCHEMES.join(', ')}).`;
  }
  return undefined;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

function firstOf(...problems: Array<MarkdownProblem | undefined>): MarkdownProblem | undefined {
  return problems.filter((problem) => problem !== undefined).sort((a, b) => a.at - b.at)[0];
}

function lineAt(text: string, at: number): number {
  let line = 1;
  for (let i = 0; i < at; i += 1) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}
