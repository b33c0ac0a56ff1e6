/**
 * Checks a list of vocabulary codes a caller sent (a practice's themes or target groups):
 * every code known (built-in, or curated for themes), none twice. An unknown code is
 * BAD_USER_INPUT naming its place in the list (`input.themes.2`), so a client built
 * against an older vocabulary learns exactly which value to drop.
 */
import { DomainError } from '@cpx/platform';
import type { CuratedTheme } from './curated-theme';
import { isTargetGroupCode, type TargetGroupCode } from './target-groups';
import { isThemeCode } from './themes';

export function assertThemes(codes: readonly string[], curated: readonly CuratedTheme[], field: string): void {
  const known = (code: string) => isThemeCode(code) || curated.some((theme) => theme.code === code);
  assertCodes(codes, known, field, 'theme');
}

export function assertTargetGroups(codes: readonly string[], field: string): asserts codes is readonly TargetGroupCode[] {
  assertCodes(codes, isTargetGroupCode, field, 'target group');
}

function assertCodes(codes: readonly string[], known: (code: string) => boolean, field: string, what: string): void {
  const seen = new Set<string>();
  codes.forEach((code, index) => {
    if (!known(code)) throw DomainError.badInput(`${field}.${index}`, `${code} is not a ${what} of the vocabulary.`);
    if (seen.has(code)) throw DomainError.badInput(`${field}.${index}`, `${code} is listed twice.`);
    seen.add(code);
  });
}
