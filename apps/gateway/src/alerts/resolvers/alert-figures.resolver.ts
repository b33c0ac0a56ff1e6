/** Figures per target country: open, overdue, acknowledged, median time to acknowledge. */
import { Args, Query, Resolver } from '@nestjs/graphql';
import { AlertsRequests } from '@cpx/contracts';
import type { Principal } from '@cpx/platform';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { timestampOf } from '../../graphql/proto-values';
import { smallListComplexity } from '../../graphql/query-limits';
import { ServiceClient } from '../../messaging/service.client';
import { AlertFiguresArgs } from '../inputs/alert-args.input';
import { toCountryFigures } from '../mappers/alert.mapper';
import { CountryFiguresObject } from '../types/country-figures.type';

@Resolver(() => CountryFiguresObject)
export class AlertFiguresResolver {
  constructor(private readonly service: ServiceClient) {}

  @Query(() => [CountryFiguresObject], { complexity: smallListComplexity(20) })
  async alertFigures(@Args() { since }: AlertFiguresArgs, @CurrentPrincipal() principal: Principal): Promise<CountryFiguresObject[]> {
    const { countries } = await this.service.send(AlertsRequests.getAlertFigures, { since: since ? timestampOf(since) : undefined }, principal);
    return countries.map(toCountryFigures);
  }
}
