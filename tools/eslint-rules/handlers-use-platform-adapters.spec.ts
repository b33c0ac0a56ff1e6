import { RuleTester, type Rule } from 'eslint';
import tseslint from 'typescript-eslint';
import { handlersUsePlatformAdapters } from './handlers-use-platform-adapters';

const ruleTester = new RuleTester({ languageOptions: { parser: tseslint.parser } });
const rule = handlersUsePlatformAdapters as unknown as Rule.RuleModule;

const HANDLER = 'apps/directory/src/agencies/agencies.handler.ts';
const imports = `
import { Controller } from '@nestjs/common';
import { HandleEvents, HandleRequest } from '@cpx/platform';
import { DirectoryEvents, DirectoryRequests } from '@cpx/contracts';
`;

ruleTester.run('handlers-use-platform-adapters', rule, {
  valid: [
    {
      name: 'every public method goes through an adapter; helpers are private',
      filename: HANDLER,
      code: `${imports}
@Controller()
export class AgenciesHandler {
  constructor(private readonly registerAgency: RegisterAgencyUseCase) {}
  @HandleRequest(DirectoryRequests.registerAgency)
  async register(request: unknown) { return this.decode(request); }
  @HandleEvents(DirectoryEvents.topic)
  async onEvent(event: unknown) {}
  onModuleInit() {}
  private decode(request: unknown) { return request; }
  protected other() {}
  #secret() {}
  static create() { return new AgenciesHandler(undefined as never); }
  get name() { return 'agencies'; }
}`,
    },
    {
      name: 'a namespace import of the platform',
      filename: HANDLER,
      code: `import { Controller } from '@nestjs/common';
import * as platform from '@cpx/platform';
@Controller()
export class H { @platform.HandleRequest(op) answer() {} }`,
    },
    {
      name: 'an HTTP controller outside *.handler.ts is not a message handler',
      filename: 'apps/gateway/src/health/health.controller.ts',
      code: `import { Controller, Get } from '@nestjs/common';
@Controller()
export class HealthController { @Get('health') health() { return { status: 'ok' }; } }`,
    },
    {
      name: 'a class that is no controller',
      filename: HANDLER,
      code: `export class Mapper { map() {} }`,
    },
  ],
  invalid: [
    {
      name: 'a bare @MessagePattern skips the principal check',
      filename: 'apps/directory/src/agencies/agencies.controller.ts',
      code: `import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
@Controller()
export class C { @MessagePattern('cpx.directory.v1.get-agency') get() {} }`,
      errors: [{ messageId: 'bareTransportPattern', data: { name: 'MessagePattern' } }],
    },
    {
      name: 'a renamed @EventPattern, in a handler: both problems',
      filename: HANDLER,
      code: `import { Controller } from '@nestjs/common';
import { EventPattern as On } from '@nestjs/microservices';
@Controller()
export class C { @On('cpx.directory.v1.events') onEvent() {} }`,
      errors: [
        { messageId: 'bareTransportPattern', data: { name: 'EventPattern' } },
        { messageId: 'unadaptedHandlerMethod', data: { name: 'onEvent' } },
      ],
    },
    {
      name: 'a namespace import of @nestjs/microservices',
      filename: 'apps/alerts/src/alerts/alerts.module.ts',
      code: `import * as ms from '@nestjs/microservices';
export class C { @ms.MessagePattern('topic') get() {} }`,
      errors: [{ messageId: 'bareTransportPattern', data: { name: 'MessagePattern' } }],
    },
    {
      name: 'a public method without an adapter',
      filename: HANDLER,
      code: `${imports}
@Controller()
export class AgenciesHandler {
  @HandleRequest(DirectoryRequests.getAgency) async get() {}
  public async search(request: unknown) {}
}`,
      errors: [{ messageId: 'unadaptedHandlerMethod', data: { name: 'search' }, line: 9 }],
    },
    {
      name: 'a look-alike HandleRequest that is not the platform one',
      filename: HANDLER,
      code: `import { Controller } from '@nestjs/common';
import { HandleRequest } from './handle-request';
@Controller()
export class H { @HandleRequest(op) answer() {} }`,
      errors: [{ messageId: 'unadaptedHandlerMethod', data: { name: 'answer' } }],
    },
  ],
});
