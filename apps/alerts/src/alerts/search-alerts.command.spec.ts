import { create } from '@bufbuild/protobuf';
import { AlertsRequests, AlertStatus } from '@cpx/contracts';
import { refusalOf } from '../../test/refusal-of';
import { SearchAlertsCommand } from './search-alerts.command';

describe('the alert list’s filter', () => {
  it('takes each part as given, and none', () => {
    expect(SearchAlertsCommand.from(create(AlertsRequests.searchAlerts.request, {}))).toMatchObject({ status: undefined, country: undefined, overdueOnly: false });
    const filtered = create(AlertsRequests.searchAlerts.request, { filter: { status: AlertStatus.POSTED, country: 'FR', overdueOnly: true }, page: { first: 5 } });
    expect(SearchAlertsCommand.from(filtered)).toMatchObject({ status: 'POSTED', country: 'FR', overdueOnly: true, first: 5 });
  });

  it('refuses a country that is not an ISO code, or a status that is not known, naming the filter’s field', async () => {
    expect(await refusalOf(() => SearchAlertsCommand.from(create(AlertsRequests.searchAlerts.request, { filter: { country: 'France' } })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.country',
    });
    expect(await refusalOf(() => SearchAlertsCommand.from(create(AlertsRequests.searchAlerts.request, { filter: { status: 99 as AlertStatus } })))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.status',
    });
  });
});
