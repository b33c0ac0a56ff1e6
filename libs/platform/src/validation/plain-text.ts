/**
 * Every string a service receives must be text a person could have typed: no control
 * characters (tab, line feed and carriage return aside) and no bidirectional overrides.
 * A NUL cannot even be stored (Postgres refuses it in text and jsonb, and the request
 * would fail as an internal error); the others hide or reorder what a reader sees, so a
 * name could pass for another ("Trojan Source"). Checked once for every request, before
 * any handler runs, with the field at fault named as the request spells it.
 *
 * Zero-width joiners and the directional marks (U+200B-U+200F) stay allowed: scripts and
 * names need them, and they cannot reorder text.
 */
import { DomainError } from '../errors/domain-error';

// C0 controls but \t \n \r, DEL, C1 controls, bidi embeddings/overrides/isolates, non-characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF]/u;

/** The first forbidden character of `text`, as U+XXXX, or undefined. */
export function forbiddenCharacterIn(text: string): string | undefined {
  const match = FORBIDDEN_CHARACTER.exec(text);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/**
 * BAD_USER_INPUT naming the first string field (a dotted path such as `contacts.0.value`)
 * that holds a forbidden character. Walks a decoded protobuf message: nested messages,
 * repeated fields, maps and oneofs (named by their case); bytes are not text.
 */
export function assertPlainText(message: unknown, path = ''): void {
  if (typeof message === 'string') {
    const character = forbiddenCharacterIn(message);
    if (character) throw DomainError.badInput(path || 'request', `Text may not contain control or bidirectional-override characters (found ${character}).`);
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
