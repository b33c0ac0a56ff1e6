/** ReportChildFound's input: the alert, and where and how the child was found. */
import type { MessageShape } from '@bufbuild/protobuf';
import type { AlertsRequests } from '@cpx/contracts';
import { DomainError, requireId } from '@cpx/platform';

type Request = MessageShape<(typeof AlertsRequests)['reportChildFound']['request']>;

export class ReportChildFoundCommand {
  id!: string;
  note!: string;

  static from(request: Request): ReportChildFoundCommand {
    const note = request.note.trim();
    if (note.length === 0 || request.note.length > 2_000) throw DomainError.badInput('note', 'note must be 1 to 2000 characters: where and how the child was found.');
    return Object.assign(new ReportChildFoundCommand(), { id: requireId(request.id), note: request.note });
  }
}
