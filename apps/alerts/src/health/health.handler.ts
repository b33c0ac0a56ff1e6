/** Answers the gateway's readiness probe: the service is up and its database answers. */
import { Controller } from '@nestjs/common';
import { AlertsRequests } from '@cpx/contracts';
import { HandleRequest } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { databaseAnswers } from './health.store';

@Controller()
export class HealthHandler {
  constructor(private readonly dataSource: DataSource) {}

  @HandleRequest(AlertsRequests.healthCheck)
  async check() {
    return { service: 'alerts', databaseOk: await databaseAnswers(this.dataSource.manager) };
  }
}
