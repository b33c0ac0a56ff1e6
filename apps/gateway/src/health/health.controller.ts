/**
 * Process probes for the orchestrator: `/health` says the process is alive, `/ready` says
 * it can serve (503 with the failing part otherwise). Public, and carry no CPX data.
 */
import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { PublicEndpoint } from '../auth/public-endpoint.decorator';
import { ReadinessService, type Readiness } from './readiness.service';

@Controller()
@PublicEndpoint()
export class HealthController {
  constructor(private readonly readiness: ReadinessService) {}

  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<{ status: 'ready' | 'not ready' } & Pick<Readiness, 'checks'>> {
    const { ready, checks } = await this.readiness.check();
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ready' : 'not ready', checks };
  }
}
