/**
 * Validation of key variables, shared by every app's config schema: a list of keys is
 * `<key id>:<base64 of 32 bytes>[,...]` with distinct ids, an active key id names one of
 * them, and in production mode no key may be one that is written in this repository
 * (docker-compose.yml's local defaults, test fixtures): see repository-keys.ts.
 */
import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isRepositoryKey } from '../crypto/repository-keys';

const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

function entries(value: unknown): { id: string; key: Buffer; written: string }[] | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const found = [];
  for (const entry of value.split(',').map((part) => part.trim())) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const written = entry.slice(separator + 1);
    if (separator < 1 || !KEY_ID.test(id) || !/^[A-Za-z0-9+/]{43}=$/.test(written)) return undefined;
    found.push({ id, key: Buffer.from(written, 'base64'), written });
  }
  return found;
}

/** The key ids of a key list variable (empty when it is not one). */
export function keyIdsOf(value: unknown): string[] {
  return entries(value)?.map((entry) => entry.id) ?? [];
}

/**
 * `<key id>:<base64 of 32 bytes>[,...]`, ids of letters, digits, _ and - and listed once;
 * in production mode, none of the keys written in this repository.
 */
export function IsKeyList(options?: ValidationOptions) {
  return (target: object, property: string): void =>
    registerDecorator({
      name: 'isKeyList',
      target: target.constructor,
      propertyName: property,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          const found = entries(value);
          if (!found) return false;
          if (new Set(found.map((entry) => entry.id)).size !== found.length) return false;
          const production = (args.object as { CPX_MODE?: string }).CPX_MODE === 'production';
          return !production || !found.some((entry) => isRepositoryKey(entry.key));
        },
        defaultMessage(args: ValidationArguments): string {
          const found = entries(args.value);
          if (!found) return 'must be <key id>:<base64 of 32 bytes>[,<key id>:<base64 of 32 bytes>...], key ids of letters, digits, _ or -';
          if (new Set(found.map((entry) => entry.id)).size !== found.length) return 'must not list a key id twice';
          const leaked = found.filter((entry) => isRepositoryKey(entry.key)).map((entry) => entry.id);
          return `must not hold a key written in the CPX repository in production mode (key ${leaked.join(', ')}): make new keys with npm run keys`;
        },
      },
    });
}

/** An active key id: one of the ids of `listProperty`. */
export function IsListedKeyId(listProperty: string, options?: ValidationOptions) {
  return (target: object, property: string): void =>
    registerDecorator({
      name: 'isListedKeyId',
      target: target.constructor,
      propertyName: property,
      constraints: [listProperty],
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          return typeof value === 'string' && keyIdsOf((args.object as Record<string, unknown>)[listProperty]).includes(value);
        },
        defaultMessage(): string {
          return `must be one of the key ids in ${listProperty}`;
        },
      },
    });
}

/** For keys written in other formats (ALERTS_MASTER_KEYS, FEEDS_SECRET_KEYS): none of the repository's in production mode. */
export function NoRepositoryKeyInProduction(options?: ValidationOptions) {
  return (target: object, property: string): void =>
    registerDecorator({
      name: 'noRepositoryKeyInProduction',
      target: target.constructor,
      propertyName: property,
      options,
      validator: {
        validate(value: unknown, args: ValidationArguments): boolean {
          if ((args.object as { CPX_MODE?: string }).CPX_MODE !== 'production' || typeof value !== 'string') return true;
          return !value.split(',').some((entry) => isRepositoryKey(Buffer.from(entry.slice(entry.indexOf(':') + 1).trim(), 'base64')));
        },
        defaultMessage(): string {
          return 'must not hold a key written in the CPX repository in production mode: make new keys with npm run keys';
        },
      },
    });
}
