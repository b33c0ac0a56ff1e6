import { create } from '@bufbuild/protobuf';
import { GetProfessionalRequestSchema } from '@cpx/contracts';
import { GetProfessionalCommand } from './get-professional.command';

const ID = '33333333-3333-4333-8333-333333333333';

describe('which professional a caller asks for', () => {
  it('is an id, in lower case, or a subject', () => {
    const byId = create(GetProfessionalRequestSchema, { lookup: { case: 'id', value: ID.toUpperCase() } });
    expect(GetProfessionalCommand.from(byId).lookup).toEqual({ id: ID });
    const bySubject = create(GetProfessionalRequestSchema, { lookup: { case: 'subject', value: 'user-1' } });
    expect(GetProfessionalCommand.from(bySubject).lookup).toEqual({ subject: 'user-1' });
  });

  it('refuses a malformed id, an empty subject, or neither, as BAD_USER_INPUT on id', () => {
    for (const lookup of [{ case: 'id' as const, value: 'x' }, { case: 'subject' as const, value: '' }, { case: undefined }]) {
      expect(() => GetProfessionalCommand.from(create(GetProfessionalRequestSchema, { lookup }))).toThrow(
        expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'id' }),
      );
    }
  });
});
