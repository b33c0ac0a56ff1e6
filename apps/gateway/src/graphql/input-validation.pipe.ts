/**
 * Validates every resolver argument at the edge, before anything is sent to a service:
 * first every string is plain text (no control or format characters, no unpaired
 * surrogates: @cpx/platform assertPlainText, the check each service makes again), then
 * argument classes (inputs and argument sets) are checked with class-validator. The first failure becomes
 * BAD_USER_INPUT naming the field as the caller wrote it (`input.name`,
 * `input.contacts.0.value`, `first`), so a client can point at the exact field.
 * Values pass through verbatim: the gateway validates, it does not rewrite.
 */
import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import { assertPlainText, DomainError } from '@cpx/platform';

@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return value;
    assertPlainText(value, metadata.data ?? '');
    const schema = metadata.metatype;
    if (!schema || !hasRules(schema) || value === null || typeof value !== 'object') {
      return value;
    }
    const instance = plainToInstance(schema as new () => object, value);
    const errors = await validate(instance, { forbidUnknownValues: false, validationError: { target: false, value: false } });
    const failure = firstFailure(errors, metadata.data ? [metadata.data] : []);
    if (failure) throw DomainError.badInput(failure.field, failure.message);
    return instance;
  }
}

// Rules are declared by decorators when a class loads, so whether a class has any is fixed
// once the application runs; class-validator's lookup scans every rule it knows, per call.
const classesWithRules = new WeakMap<object, boolean>();

function hasRules(schema: new (...args: never[]) => unknown): boolean {
  let known = classesWithRules.get(schema);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(schema, '', false, false).length > 0;
    classesWithRules.set(schema, known);
  }
  return known;
}

function firstFailure(errors: ValidationError[], path: string[]): { field: string; message: string } | undefined {
  for (const error of errors) {
    const fieldPath = [...path, error.property];
    const constraint = Object.values(error.constraints ?? {})[0];
    const field = fieldPath.join('.');
    if (constraint) return { field, message: `${field} ${constraint}` };
    const nested = firstFailure(error.children ?? [], fieldPath);
    if (nested) return nested;
  }
  return undefined;
}
