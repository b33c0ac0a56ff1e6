/**
 * `@nx/workspace-handlers-use-platform-adapters`: every Kafka message a service takes goes
 * through the platform's adapters from @cpx/platform. `@HandleRequest(...)` verifies the
 * signed principal (ADR 0004), decodes the protobuf and maps errors to the reply;
 * `@HandleEvents(...)` gives the inbox (each event once) and bounded retries, then the DLQ.
 *
 * - Anywhere it is enabled (apps/<service>/src): `@MessagePattern` / `@EventPattern` from
 *   @nestjs/microservices are errors; used bare, they skip all of the above.
 * - In `*.handler.ts`: every public method of a `@Controller()` class must carry one of the
 *   adapters. Helpers are private; Nest's lifecycle hooks are allowed.
 * Decorators are recognised by import (see decorators.ts): a renamed `MessagePattern` is
 * still caught, and a look-alike `HandleRequest` not from @cpx/platform does not count.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { collectImports, isDecorator, resolveReference, type Imports } from './decorators';

type MessageIds = 'bareTransportPattern' | 'unadaptedHandlerMethod';

const ADAPTERS_MODULE = '@cpx/platform';
const ADAPTERS = new Set(['HandleRequest', 'HandleEvents']);
const CONTROLLER = new Set(['Controller']);
const TRANSPORT_MODULE = '@nestjs/microservices';
const TRANSPORT_PATTERNS = new Set(['MessagePattern', 'EventPattern']);
const LIFECYCLE_HOOKS = new Set(['onModuleInit', 'onApplicationBootstrap', 'onModuleDestroy', 'beforeApplicationShutdown', 'onApplicationShutdown']);

function methodName(method: TSESTree.MethodDefinition): string {
  if (method.key.type === 'Identifier') return method.key.name;
  if (method.key.type === 'Literal') return String(method.key.value);
  return '[computed]';
}

export const handlersUsePlatformAdapters: TSESLint.RuleModule<MessageIds, []> = {
  defaultOptions: [],
  meta: {
    type: 'problem',
    docs: { description: 'Kafka handlers in services go through the platform adapters @HandleRequest/@HandleEvents' },
    schema: [],
    messages: {
      bareTransportPattern:
        '@{{name}} from @nestjs/microservices skips the platform adapter (signed-principal check, inbox, dead-lettering): use @HandleRequest(...) or @HandleEvents(...) from @cpx/platform.',
      unadaptedHandlerMethod:
        "Public method '{{name}}' of a message handler must be decorated with @HandleRequest(...) or @HandleEvents(...) from @cpx/platform; make helpers private.",
    },
  },
  create(context) {
    let imports: Imports = new Map();
    const isHandlerFile = context.filename.endsWith('.handler.ts');

    return {
      // Collected first: an import may follow the class that uses it (imports are hoisted).
      Program(program) {
        imports = collectImports(program);
      },
      Decorator(node) {
        const target = resolveReference(node.expression, imports);
        if (target?.source === TRANSPORT_MODULE && TRANSPORT_PATTERNS.has(target.name)) {
          context.report({ node, messageId: 'bareTransportPattern', data: { name: target.name } });
        }
      },
      'ClassDeclaration:exit'(node: TSESTree.ClassDeclaration) {
        if (!isHandlerFile) return;
        const isController = node.decorators.some((decorator) => isDecorator(decorator, imports, '@nestjs/common', CONTROLLER));
        if (!isController) return;
        for (const member of node.body.body) {
          if (member.type !== 'MethodDefinition' || member.kind !== 'method' || member.static) continue;
          if (member.accessibility === 'private' || member.accessibility === 'protected' || member.key.type === 'PrivateIdentifier') continue;
          const name = methodName(member);
          if (LIFECYCLE_HOOKS.has(name)) continue;
          const adapted = member.decorators.some((decorator) => isDecorator(decorator, imports, ADAPTERS_MODULE, ADAPTERS));
          if (!adapted) context.report({ node: member.key, messageId: 'unadaptedHandlerMethod', data: { name } });
        }
      },
    };
  },
};

export default handlersUsePlatformAdapters;
