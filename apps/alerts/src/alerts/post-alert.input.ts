/**
 * What a professional may send to post an alert, checked before anything is read or written
 * by the contracts' one rule set for posts (@cpx/contracts alert-rules), the same code the
 * gateway checks a post with for its user; the service checks again because it trusts no
 * caller.
 */
import { postAlertFieldViolation, type PostAlertFacts } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';

export interface ChildIdentityInput {
  givenNames: string[];
  familyNames: string[];
  aliases: string[];
  sex: string;
  dateOfBirth?: string;
  estimatedAge?: { minYears: number; maxYears: number };
  nationalities: string[];
  languages: string[];
  distinguishingFeatures: string;
  lastKnownPlace: string;
  photoContentType: string;
}

export class PostAlertInput {
  idempotencyKey!: string;
  kind!: string;
  urgency!: string;
  originCountry!: string;
  targetCountries!: string[];
  targetAgencyTypes!: string[];
  title!: string;
  summary!: string;
  child!: ChildIdentityInput;
}

/**
 * The post, once every field keeps its own rule (the first that does not is BAD_USER_INPUT
 * naming it). The rules across the child's fields are checkChildRecord's.
 */
export function checkedPost(post: PostAlertInput, child: Pick<PostAlertFacts['child'], 'lastKnownAt' | 'photoBytes'>): PostAlertInput {
  const violation = postAlertFieldViolation({ ...post, child: { ...post.child, ...child } });
  if (violation) throw DomainError.badInput(violation.field, violation.message);
  return Object.assign(new PostAlertInput(), post);
}

/**
 * The post in one spelling per meaning: target lists as sorted sets, texts in Unicode NFC
 * without surrounding white space. What is stored, and what a replay is compared by.
 */
export function normalisedPost(input: PostAlertInput): PostAlertInput {
  return Object.assign(new PostAlertInput(), input, {
    targetCountries: sortedSet(input.targetCountries),
    targetAgencyTypes: sortedSet(input.targetAgencyTypes),
    title: input.title.normalize('NFC').trim(),
    summary: input.summary.normalize('NFC').trim(),
  });
}

function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
