/** GrantIdentityAccess's input: which alert, which attaché, and why they need the identity. */
import type { MessageShape } from '@bufbuild/protobuf';
import type { AlertsRequests } from '@cpx/contracts';
import { DomainError, requireId } from '@cpx/platform';

type Request = MessageShape<(typeof AlertsRequests)['grantIdentityAccess']['request']>;

export class GrantIdentityAccessCommand {
  id!: string;
  granteeSubject!: string;
  /** NFC, trimmed. */
  reason!: string;

  static from(request: Pick<Request, 'id' | 'granteeSubject' | 'reason'>): GrantIdentityAccessCommand {
    const id = requireId(request.id);
    const reason = request.reason.normalize('NFC').trim();
    if (reason.length < 10 || reason.length > 500) {
      throw DomainError.badInput('reason', 'reason: say why the attaché needs the identity, in 10 to 500 characters.');
    }
    return Object.assign(new GrantIdentityAccessCommand(), { id, granteeSubject: requireGrantee(request.granteeSubject), reason });
  }
}

/** The attaché's subject, as the identity provider names them. */
export function requireGrantee(granteeSubject: string): string {
  if (!granteeSubject || granteeSubject.length > 255) throw DomainError.badInput('granteeSubject', 'granteeSubject must name the attaché.');
  return granteeSubject;
}
