/** Answers the gateway's readiness probe: the service is up and its database answers. */
import { Controller } from '@nestjs/common';
import { FeedsRequests } from '@cpx/contracts';
import { HandleRequest } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { databaseAnswers } from './health.store';

@Controller()
export class HealthHandler {
  constructor(private readonly dataSource: DataSource) {}

  @HandleRequest(FeedsRequests.healthCheck)
  async check() {
    return { service: 'feeds', databaseOk: await databaseAnswers(this.dataSource.manager) };
  }
}
