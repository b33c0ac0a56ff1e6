/**
 * The input of ResolveAlert and CancelAlert, which end an alert the same way
 * (end-alert.usecase.ts): the alert, how it ends, and the version the caller saw.
 */
import type { MessageShape } from '@bufbuild/protobuf';
import { Outcome, type AlertsRequests } from '@cpx/contracts';
import { DomainError, requireId } from '@cpx/platform';
import { enumName } from './alert.mapper';

type Req<K extends keyof typeof AlertsRequests> = MessageShape<(typeof AlertsRequests)[K]['request']>;

export type Ending =
  | { kind: 'resolve'; outcome: string; note: string }
  | { kind: 'cancel'; reason: string };

export class EndAlertCommand {
  id!: string;
  ending!: Ending;
  /** Refused with CONFLICT when the alert is at another version. */
  expectedVersion?: number;

  /** ResolveAlert: with an outcome, and a note. */
  static fromResolve(request: Req<'resolveAlert'>): EndAlertCommand {
    const outcome = enumName(Outcome, request.outcome, 'outcome')!;
    if (request.note.length > 2_000) throw DomainError.badInput('note', 'note must be at most 2000 characters.');
    return EndAlertCommand.of(request, { kind: 'resolve', outcome, note: request.note });
  }

  /** CancelAlert: with a reason. */
  static fromCancel(request: Req<'cancelAlert'>): EndAlertCommand {
    if (request.reason.length > 2_000) throw DomainError.badInput('reason', 'reason must be at most 2000 characters.');
    return EndAlertCommand.of(request, { kind: 'cancel', reason: request.reason });
  }

  private static of(request: { id: string; expectedVersion?: bigint }, ending: Ending): EndAlertCommand {
    return Object.assign(new EndAlertCommand(), {
      id: requireId(request.id),
      ending,
      expectedVersion: request.expectedVersion === undefined ? undefined : Number(request.expectedVersion),
    });
  }
}
