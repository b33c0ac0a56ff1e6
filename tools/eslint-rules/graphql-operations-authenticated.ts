/**
 * `@nx/workspace-graphql-operations-authenticated`: every GraphQL operation of the gateway
 * requires an access token.
 *
 * The gateway authenticates with one global guard (`AuthGuard`, registered as APP_GUARD in
 * apps/gateway/src/auth/auth.module.ts); a handler opts out only with `@PublicEndpoint()`,
 * meant for the process probes. So "every resolver guarded" holds exactly when:
 * - `@PublicEndpoint()` never sits on a `@Resolver` class, on anything inside one, or on a
 *   `@Query` / `@Mutation` / `@Subscription` / `@ResolveField` method;
 * - `@PublicEndpoint()` appears elsewhere only in the files of the `allow` option (the
 *   health controller);
 * - nothing sets the public-endpoint metadata by hand (`SetMetadata(PUBLIC_ENDPOINT, ...)`)
 *   outside those files, which would bypass this rule.
 * Requiring `@UseGuards` on each resolver would be wrong here: the global guard already runs.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { collectImports, isDecorator, resolveReference, type Imports } from './decorators';

type MessageIds = 'publicGraphql' | 'publicOutsideAllowList' | 'publicMetadata';
type Options = [{ allow?: string[] }];

const PUBLIC_DECORATOR = 'PublicEndpoint';
const PUBLIC_KEY_CONSTANT = 'PUBLIC_ENDPOINT';
const PUBLIC_KEY = 'cpx:public-endpoint';
const GRAPHQL_MODULE = '@nestjs/graphql';
const RESOLVER = new Set(['Resolver']);
const OPERATIONS = new Set(['Query', 'Mutation', 'Subscription', 'ResolveField']);

export const graphqlOperationsAuthenticated: TSESLint.RuleModule<MessageIds, Options> = {
  defaultOptions: [{ allow: [] }],
  meta: {
    type: 'problem',
    docs: { description: 'No GraphQL operation of the gateway is exempted from the global authentication guard' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Files (workspace-relative) that may use @PublicEndpoint()' } },
        additionalProperties: false,
      },
    ],
    messages: {
      publicGraphql:
        'GraphQL operations always require an access token: remove @PublicEndpoint(). Only the process probes are public (see apps/gateway/src/auth/auth.guard.ts).',
      publicOutsideAllowList:
        '@PublicEndpoint() lets a request through without an access token; only the process probes may use it. If this endpoint must be public, add its file to the allow list of @nx/workspace-graphql-operations-authenticated in eslint.config.mjs, where a reviewer will see it.',
      publicMetadata: 'Setting the public-endpoint metadata by hand bypasses the review of public endpoints: use @PublicEndpoint() in an allowed file.',
    },
  },
  create(context) {
    const allow = context.options[0]?.allow ?? [];
    const filename = context.filename.split('\\').join('/');
    const allowed = allow.some((file) => filename === file || filename.endsWith(`/${file}`));
    let imports: Imports = new Map();

    // Whatever its import path (it is the gateway's own decorator, imported relatively).
    const isPublic = (decorator: TSESTree.Decorator): boolean => resolveReference(decorator.expression, imports)?.name === PUBLIC_DECORATOR;
    const isResolverClass = (node: TSESTree.Node | undefined): boolean =>
      (node?.type === 'ClassDeclaration' || node?.type === 'ClassExpression') &&
      node.decorators.some((decorator) => isDecorator(decorator, imports, GRAPHQL_MODULE, RESOLVER));

    return {
      Program(program) {
        imports = collectImports(program);
      },
      Decorator(node) {
        if (!isPublic(node)) return;
        const owner = node.parent;
        const graphql =
          isResolverClass(owner) ||
          // A member of a resolver class (its parent is the ClassBody, whose parent is the class).
          isResolverClass(owner.parent?.parent) ||
          ((owner.type === 'MethodDefinition' || owner.type === 'PropertyDefinition') && owner.decorators.some((decorator) => isDecorator(decorator, imports, GRAPHQL_MODULE, OPERATIONS)));
        if (graphql) context.report({ node, messageId: 'publicGraphql' });
        else if (!allowed) context.report({ node, messageId: 'publicOutsideAllowList' });
      },
      CallExpression(node) {
        if (allowed || resolveReference(node.callee, imports)?.name !== 'SetMetadata') return;
        const key = node.arguments[0];
        const setsPublic =
          (key?.type === 'Identifier' && (imports.get(key.name)?.name ?? key.name) === PUBLIC_KEY_CONSTANT) ||
          (key?.type === 'Literal' && key.value === PUBLIC_KEY);
        if (setsPublic) context.report({ node, messageId: 'publicMetadata' });
      },
    };
  },
};

export default graphqlOperationsAuthenticated;
