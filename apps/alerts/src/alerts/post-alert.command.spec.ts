import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { AgencyType, AlertKind, ChildIdentitySchema, PostAlertRequestSchema, Sex, Urgency } from '@cpx/contracts';
import { DomainError } from '@cpx/platform';
import { PostAlertCommand } from './post-alert.command';

const limits = { maxPhotoBytes: 2_000_000, now: new Date('2026-12-08T10:00:00Z') };

function aRequest(overrides: Omit<MessageInitShape<typeof PostAlertRequestSchema>, '$typeName'> = {}) {
  return create(PostAlertRequestSchema, {
    idempotencyKey: 'key-0001',
    kind: AlertKind.MISSING_CHILD,
    urgency: Urgency.HIGH,
    originCountry: 'RS',
    targetCountries: ['FR', 'HR'],
    targetAgencyTypes: [AgencyType.POLICE],
    title: 'Girl missing from a shelter in Belgrade',
    summary: 'May be travelling towards Zagreb.',
    ...overrides,
  });
}

const child = create(ChildIdentitySchema, { givenNames: ['Ana'], familyNames: ['Петровић'], sex: Sex.FEMALE, estimatedAge: { minYears: 12, maxYears: 14 } });

describe('PostAlertCommand.from', () => {
  it('normalises the post once, so that a respelled replay reads as the same post', () => {
    const plain = PostAlertCommand.from(aRequest(), child, limits);
    const respelled = PostAlertCommand.from(
      aRequest({ targetCountries: ['HR', 'FR', 'HR'], title: `  ${'Girl missing from a shelter in Belgrade'.normalize('NFD')}\n` }),
      child,
      limits,
    );
    expect(respelled.input.targetCountries).toEqual(['FR', 'HR']);
    expect(respelled.input.title).toBe(plain.input.title);
    expect(respelled.input).toEqual(plain.input);
  });

  it('refuses a title that names the child, naming the field', () => {
    let refusal: unknown;
    try {
      PostAlertCommand.from(aRequest({ title: 'Ana Petrović missing from a shelter' }), child, limits);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
  });
});
