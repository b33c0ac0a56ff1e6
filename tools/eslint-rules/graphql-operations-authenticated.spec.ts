import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { graphqlOperationsAuthenticated } from './graphql-operations-authenticated';

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const rule = graphqlOperationsAuthenticated as unknown as Rule.RuleModule;

const PROBES = 'apps/gateway/src/health/health.controller.ts';
const DECORATOR = 'apps/gateway/src/auth/public-endpoint.decorator.ts';
const options = [{ allow: [PROBES, DECORATOR] }];
const RESOLVER = 'apps/gateway/src/directory/resolvers/agency.resolver.ts';
const imports = `
import { Mutation, Query, Resolver, ResolveField } from '@nestjs/graphql';
import { PublicEndpoint } from '../../auth/public-endpoint.decorator';
`;

ruleTester.run('graphql-operations-authenticated', rule, {
  valid: [
    {
      name: 'a resolver under the global guard',
      filename: RESOLVER,
      options,
      code: `${imports}
@Resolver(() => AgencyObject)
export class AgencyResolver { @Query(() => AgencyObject) agency() {} @Mutation(() => AgencyObject) registerAgency() {} }`,
    },
    {
      name: 'the process probes, in an allowed file',
      filename: `/work/cpx/${PROBES}`,
      options,
      code: `import { Controller, Get } from '@nestjs/common';
import { PublicEndpoint } from '../auth/public-endpoint.decorator';
@Controller()
@PublicEndpoint()
export class HealthController { @Get('health') health() {} }`,
    },
    {
      name: 'the decorator itself sets the metadata',
      filename: DECORATOR,
      options,
      code: `import { SetMetadata } from '@nestjs/common';
export const PUBLIC_ENDPOINT = 'cpx:public-endpoint';
export const PublicEndpoint = () => SetMetadata(PUBLIC_ENDPOINT, true);`,
    },
    {
      name: 'other metadata',
      filename: RESOLVER,
      options,
      code: `import { SetMetadata } from '@nestjs/common';
export const Roles = (...roles: string[]) => SetMetadata('roles', roles);`,
    },
  ],
  invalid: [
    {
      name: 'a public query',
      filename: RESOLVER,
      options,
      code: `${imports}
@Resolver(() => AgencyObject)
export class AgencyResolver { @PublicEndpoint() @Query(() => AgencyObject) agency() {} }`,
      errors: [{ messageId: 'publicGraphql' }],
    },
    {
      name: 'a public resolver class',
      filename: RESOLVER,
      options,
      code: `${imports}
@PublicEndpoint()
@Resolver(() => AgencyObject)
export class AgencyResolver { @Mutation(() => AgencyObject) registerAgency() {} }`,
      errors: [{ messageId: 'publicGraphql' }],
    },
    {
      name: 'a public member of a resolver, even without an operation decorator',
      filename: RESOLVER,
      options,
      code: `${imports}
@Resolver()
export class AgencyResolver { @PublicEndpoint() helper() {} }`,
      errors: [{ messageId: 'publicGraphql' }],
    },
    {
      name: 'a public field resolver through a namespace import, in an allowed file: GraphQL is never public',
      filename: PROBES,
      options,
      code: `import * as gql from '@nestjs/graphql';
import { PublicEndpoint } from '../auth/public-endpoint.decorator';
export class X { @PublicEndpoint() @gql.ResolveField() field() {} }`,
      errors: [{ messageId: 'publicGraphql' }],
    },
    {
      name: 'a public endpoint outside the allowed files',
      filename: 'apps/gateway/src/alerts/alerts.controller.ts',
      options,
      code: `import { Controller, Get } from '@nestjs/common';
import { PublicEndpoint } from '../auth/public-endpoint.decorator';
@Controller()
export class AlertsController { @PublicEndpoint() @Get('alerts') list() {} }`,
      errors: [{ messageId: 'publicOutsideAllowList' }],
    },
    {
      name: 'the metadata set by hand, by constant or by value',
      filename: RESOLVER,
      options,
      code: `import { SetMetadata as Meta } from '@nestjs/common';
import { PUBLIC_ENDPOINT } from '../../auth/public-endpoint.decorator';
export const Open = () => Meta(PUBLIC_ENDPOINT, true);
export const AlsoOpen = () => Meta('cpx:public-endpoint', true);`,
      errors: [{ messageId: 'publicMetadata' }, { messageId: 'publicMetadata' }],
    },
  ],
});
