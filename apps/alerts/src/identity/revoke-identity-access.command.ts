/** RevokeIdentityAccess's input: which alert, and which attaché loses access. */
import type { MessageShape } from '@bufbuild/protobuf';
import type { AlertsRequests } from '@cpx/contracts';
import { requireId } from '@cpx/platform';
import { requireGrantee } from './grant-identity-access.command';

type Request = MessageShape<(typeof AlertsRequests)['revokeIdentityAccess']['request']>;

export class RevokeIdentityAccessCommand {
  id!: string;
  granteeSubject!: string;

  static from(request: Pick<Request, 'id' | 'granteeSubject'>): RevokeIdentityAccessCommand {
    return Object.assign(new RevokeIdentityAccessCommand(), { id: requireId(request.id), granteeSubject: requireGrantee(request.granteeSubject) });
  }
}
