/**
 * Answers the gateway's readiness probe: the service is up and its database answers.
 * No use case: no caller, no rule, one query (health.store.ts).
 */
import { Controller } from '@nestjs/common';
import { DirectoryRequests } from '@cpx/contracts';
import { HandleRequest } from '@cpx/platform';
import { DataSource } from 'typeorm';
import { databaseAnswers } from './health.store';

@Controller()
export class HealthHandler {
  constructor(private readonly dataSource: DataSource) {}

  @HandleRequest(DirectoryRequests.healthCheck)
  async check() {
    return { service: 'directory', databaseOk: await databaseAnswers(this.dataSource.manager) };
  }
}
