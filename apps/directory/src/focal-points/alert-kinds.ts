/** Alert kinds as stored: the proto name, or ANY for a contact who takes every kind. */
import { AlertKind } from '@cpx/contracts';

export const ANY_KIND = 'ANY';

export function storedAlertKind(kind: AlertKind): string {
  return kind === AlertKind.UNSPECIFIED ? ANY_KIND : AlertKind[kind];
}

export function alertKindMessage(stored: string): AlertKind {
  return stored === ANY_KIND ? AlertKind.UNSPECIFIED : (AlertKind[stored as keyof typeof AlertKind] ?? AlertKind.UNSPECIFIED);
}

export function isKnownAlertKind(kind: number): boolean {
  return AlertKind[kind] !== undefined;
}
