/** Rules the commands on professionals share. */
import { ProfessionalRole } from '@cpx/contracts';
import { NOT_BLANK } from '@cpx/platform';
import { IsString, Length, Matches } from 'class-validator';

export const PROFESSIONAL_ROLES = Object.keys(ProfessionalRole).filter((name) => Number.isNaN(Number(name)) && name !== 'UNSPECIFIED');

const NAME_RULES = [IsString(), Length(1, 200), Matches(NOT_BLANK, { message: 'must not be blank' })];

/** A given or family name: 1 to 200 characters, not blank. */
export function Name(): PropertyDecorator {
  return (target, key) => NAME_RULES.forEach((rule) => rule(target, key));
}

/** The expected version as a command carries it (the request's uint64, when given). */
export function versionOf(value: bigint | undefined): number | undefined {
  return value === undefined ? undefined : Number(value);
}
