/**
 * Valid practice content and principals for the domain specs of every feature (a factory
 * rather than copied literals): each spec changes the one field it is about.
 */
import type { Principal } from '@cpx/platform';
import type { Actor } from '../../src/workflow/domain/practice-access';
import type { PracticeContent } from '../../src/practices/domain/practice-content';

export const AUTHOR: Principal = { subject: 'prof-tirana', roles: ['professional'], country: 'AL', agencyId: '00000000-0000-4000-8000-0000000000a1' };
export const CURATOR: Principal = { subject: 'attache', roles: ['curator'] };

export function practiceContent(overrides: Partial<PracticeContent> = {}): PracticeContent {
  return {
    language: 'en',
    title: 'Interviewing child victims: a prosecutor’s protocol',
    summary: 'One interview, recorded, in a child-friendly room, with a psychologist present.',
    body: '# Before the interview\n\nAgree the questions with the psychologist.\n\n# The interview\n\nOne session, recorded.\n',
    themes: ['IDENTIFICATION_REFERRAL', 'VICTIM_ASSISTANCE_SHELTER'],
    targetGroups: ['AGE_12_14', 'AGE_15_17'],
    countries: ['AL'],
    organisations: [{ name: 'Prokuroria e Tiranës' }],
    alertKinds: ['SUSPECTED_TRAFFICKING'],
    contacts: [],
    links: [{ url: 'https://example.org/protocol', label: 'The protocol (sq)' }],
    attachments: [],
    evidence: { kind: 'DOCUMENTED_NOT_EVALUATED' },
    implementation: {
      manualAvailable: true,
      trainingNeeded: true,
      training: 'Two days for prosecutors and psychologists together.',
      staff: [{ role: 'Psychologist', count: 1, qualifications: 'Trained in forensic interviewing of children.' }],
      costBand: 'LOW',
      duration: { kind: 'ONGOING' },
      legalPrerequisites: [{ country: 'AL', text: 'Code of Criminal Procedure for Minors, art. 38.' }],
    },
    ...overrides,
  };
}

/** A principal acting, verified in the directory unless said otherwise. */
export function actor(principal: Principal, verified = true): Actor {
  return { principal, verified };
}
