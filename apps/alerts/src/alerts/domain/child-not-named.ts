/**
 * The texts of an alert reach everyone it is sent to, the attachés and the audit, in
 * clear and for as long as the alert is kept; only the child's record is sealed, shown
 * on need-to-know and erased after retention. A name typed into a text would defeat all
 * of that, so a title, summary, update, sighting place, resolve note, cancel reason,
 * reveal purpose or grant reason that names the child (any name or alias, in any script,
 * spelling or inflection, see @cpx/names NameGuard) is refused. This service's check is
 * the one that counts; the gateway's is a first line that keeps a refused title off
 * Kafka. The name is never echoed back nor logged.
 */
import { NameGuard } from '@cpx/names';
import { DomainError } from '@cpx/platform';

export interface FreeText {
  /** The field as the caller spells it (`input.title`, `note`, `purpose`). */
  field: string;
  text: string;
}

export function assertChildNotNamed(texts: readonly FreeText[], names: readonly string[]): void {
  const guard = new NameGuard(names);
  if (guard.isEmpty) return;
  for (const { field, text } of texts) {
    if (guard.findIn(text).found) {
      throw DomainError.badInput(
        field,
        `${field} must not name the child: it is shown to everyone the alert reaches and kept in clear. Put names in the child's record, which is sealed.`,
      );
    }
  }
}
