import 'reflect-metadata';
import { IsString, MaxLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { DomainError } from '../errors/domain-error';
import { validateInput } from './validate-input';

class Place {
  @IsString() @MaxLength(5) name!: string;
}
class Command {
  @IsString() @MaxLength(10) reason!: string;
  @ValidateNested() @Type(() => Place) place!: Place;
}

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('validateInput', () => {
  it('returns the command when every rule holds', () => {
    const command = validateInput(Command, { reason: 'short', place: { name: 'Niš' } });
    expect(command).toBeInstanceOf(Command);
    expect(command.place.name).toBe('Niš');
  });

  it('names the field at fault under the argument it belongs to', () => {
    const error = refusal(() => validateInput(Command, { reason: 'short', place: { name: 'Chișinău' } }));
    expect(error.field).toBe('input.place.name');
  });

  it('names top-level arguments bare when the prefix is empty', () => {
    expect(refusal(() => validateInput(Command, { reason: 'far too long a reason', place: { name: 'Niš' } }, '')).field).toBe('reason');
    expect(refusal(() => validateInput(Command, { reason: 'ok', place: { name: 'Chișinău' } }, '')).field).toBe('place.name');
  });
});
