/**
 * Typed configuration validated at boot. Each app declares one class with
 * class-validator decorators; a bad or missing variable stops the app with a message
 * that names the variable, before anything connects anywhere.
 */
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig<T extends object>(
  schema: new () => T,
  env: Record<string, string | undefined> = process.env,
): T {
  const config = plainToInstance(schema, { ...env }, { enableImplicitConversion: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    throw new ConfigError(
      errors.map((error) => {
        const why = Object.values(error.constraints ?? {}).join('; ');
        return `${error.property}: ${why} (got ${describe(env[error.property])})`;
      }),
    );
  }
  return config;
}

function describe(value: string | undefined): string {
  if (value === undefined) return 'nothing';
  // Secrets must not be echoed back into logs.
  return value.length > 0 ? `a value of ${value.length} characters` : 'an empty value';
}

/** Splits a comma-separated variable, dropping blanks. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
