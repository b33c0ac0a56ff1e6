/** RevealAlertIdentity's input: which alert, and why the caller needs the child's identity. */
import type { MessageShape } from '@bufbuild/protobuf';
import type { AlertsRequests } from '@cpx/contracts';
import { DomainError, requireId } from '@cpx/platform';

type Request = MessageShape<(typeof AlertsRequests)['revealAlertIdentity']['request']>;

export class RevealAlertIdentityCommand {
  id!: string;
  /** NFC, trimmed: what the audit log records. */
  purpose!: string;

  static from(request: Pick<Request, 'id' | 'purpose'>): RevealAlertIdentityCommand {
    const id = requireId(request.id);
    const purpose = request.purpose.normalize('NFC').trim();
    if (purpose.length < 10 || purpose.length > 500) {
      throw DomainError.badInput('purpose', 'purpose: say why you need the identity, in 10 to 500 characters.');
    }
    return Object.assign(new RevealAlertIdentityCommand(), { id, purpose });
  }
}
