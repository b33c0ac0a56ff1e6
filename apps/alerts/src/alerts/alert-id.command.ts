/**
 * The input of the operations that take nothing but an alert's id (acknowledge, get, the
 * identity's grants and reads): one command for them all rather than four alike.
 */
import { requireId } from '@cpx/platform';

export class AlertIdCommand {
  id!: string;

  static from(request: { id: string }): AlertIdCommand {
    return Object.assign(new AlertIdCommand(), { id: requireId(request.id) });
  }
}
