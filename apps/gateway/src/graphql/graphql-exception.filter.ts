/**
 * What the gateway writes to its own log when a resolver fails. Expected refusals
 * (DomainErrors: not found, forbidden, bad input...) are the caller's business and are not
 * logged as faults; anything else is, with its stack, because the caller only ever sees
 * "Internal error" (see graphql-errors.ts). Never the arguments: they carry personal data.
 *
 * The error itself is rethrown untouched: graphql-errors.ts turns it into the public
 * shape for both transports. Plain HTTP handlers keep Nest's default handling.
 */
import { Catch, Logger, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { GqlArgumentsHost, type GqlContextType } from '@nestjs/graphql';
import { isDomainError } from '@cpx/platform';

@Catch()
export class GraphqlExceptionFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('GraphQL');

  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() !== 'graphql') return super.catch(exception, host);
    if (!isDomainError(exception) || exception.code === 'INTERNAL') {
      const field = GqlArgumentsHost.create(host).getInfo<{ fieldName?: string } | undefined>()?.fieldName ?? 'operation';
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error(`${field} failed: ${error.message}`, error.stack);
    }
    throw exception;
  }
}
