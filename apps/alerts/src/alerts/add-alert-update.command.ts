/** AddAlertUpdate's input: a text, a sighting (where, and perhaps when), or both. */
import type { MessageShape } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { AlertsRequests } from '@cpx/contracts';
import { DomainError, NOT_BLANK, requireId, validateInput } from '@cpx/platform';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Length, Matches, MaxLength, ValidateNested } from 'class-validator';

type Request = MessageShape<(typeof AlertsRequests)['addAlertUpdate']['request']>;

class SightingFields {
  @IsString() @Length(1, 500, { message: 'must be 1 to 500 characters.' }) @Matches(NOT_BLANK, { message: 'must be 1 to 500 characters.' })
  place!: string;
}

/** The fields class-validator checks, as the caller named them (`input.text`, `input.sighting.place`). */
class AlertUpdateFields {
  @IsString() @MaxLength(10_000, { message: 'must be at most 10000 characters.' })
  text!: string;

  @IsOptional() @ValidateNested() @Type(() => SightingFields)
  sighting?: SightingFields;
}

export class AddAlertUpdateCommand {
  id!: string;
  text!: string;
  sighting?: { place: string; seenAt?: Date };

  static from(request: Request): AddAlertUpdateCommand {
    const id = requireId(request.id);
    if (request.text.trim().length === 0 && !request.sighting) throw DomainError.badInput('input.text', 'input.text: write something, or give a sighting.');
    validateInput(AlertUpdateFields, { text: request.text, sighting: request.sighting ? { place: request.sighting.place } : undefined });
    return Object.assign(new AddAlertUpdateCommand(), {
      id,
      text: request.text,
      sighting: request.sighting
        ? { place: request.sighting.place, seenAt: request.sighting.seenAt ? timestampDate(request.sighting.seenAt) : undefined }
        : undefined,
    });
  }
}
