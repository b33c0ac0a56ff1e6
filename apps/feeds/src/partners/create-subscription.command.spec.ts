import { PayloadMode } from '@cpx/contracts';
import { CreateSubscriptionCommand, type CreateSubscriptionRequest } from './create-subscription.command';

const policy = { allowPrivate: false };
const request: CreateSubscriptionRequest = {
  partnerId: '0B0E6A4E-0000-4000-8000-000000000003',
  eventTypes: ['cpx.directory.v1.*', 'cpx.alerts.v1.*', 'cpx.alerts.v1.*'],
  countries: ['RS', 'FR'],
  webhookUrl: '',
  payloadMode: PayloadMode.UNSPECIFIED,
  idempotencyKey: '',
};
const refusedAt = (field: string) => expect.objectContaining({ code: 'BAD_USER_INPUT', field });

describe('a request to create a subscription', () => {
  it('normalises what it asks for: the id in lower case, lists once each and sorted, no URL nor key as none, THIN by default', () => {
    expect({ ...CreateSubscriptionCommand.from(request, policy) }).toEqual({
      partnerId: '0b0e6a4e-0000-4000-8000-000000000003',
      eventTypes: ['cpx.alerts.v1.*', 'cpx.directory.v1.*'],
      countries: ['FR', 'RS'],
      webhookUrl: null,
      payloadMode: 'THIN',
      idempotencyKey: null,
    });
    expect(CreateSubscriptionCommand.from({ ...request, payloadMode: PayloadMode.FULL, idempotencyKey: 'create-0001' }, policy)).toMatchObject({ payloadMode: 'FULL', idempotencyKey: 'create-0001' });
  });

  it.each([
    [{ partnerId: 'nope' }, 'input.partnerId'],
    [{ eventTypes: [] }, 'input.eventTypes'],
    [{ eventTypes: Array.from({ length: 31 }, () => 'cpx.alerts.v1.*') }, 'input.eventTypes'],
    [{ eventTypes: ['cpx.alerts.v1.*', 'cpx.alerts.v1.Invented'] }, 'input.eventTypes.1'],
    [{ countries: ['serbia'] }, 'input.countries.0'],
    [{ countries: Array.from({ length: 61 }, () => 'RS') }, 'input.countries'],
    [{ webhookUrl: 'http://partner.example.org/hook' }, 'input.webhookUrl'],
    [{ payloadMode: 7 as PayloadMode }, 'input.payloadMode'],
    [{ idempotencyKey: 'short' }, 'input.idempotencyKey'],
  ])('refuses %j naming the field', (change, field) => {
    expect(() => CreateSubscriptionCommand.from({ ...request, ...change }, policy)).toThrow(refusedAt(field));
  });
});
