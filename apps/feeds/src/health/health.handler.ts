/** Answers the gateway's readiness probe: the service is up and its database answers. */
import { Controller } from '@nestjs/common';
import { FeedsRequests } from '@cpx/contracts';
import { HandleRequest } from '@cpx/platform';
import { DataSource } from 'typeorm';

@Controller()
export class HealthHandler {
  constructor(private readonly dataSource: DataSource) {}

  @HandleRequest(FeedsRequests.healthCheck)
  async check() {
    const databaseOk = await this.dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
    return { service: 'feeds', databaseOk };
  }
}
