import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AlertKind, ScheduleOnDutyRequestSchema } from '@cpx/contracts';
import { ScheduleOnDutyCommand } from './schedule-on-duty.command';

const PROFESSIONAL = '33333333-3333-4333-8333-333333333333';
const hours = (count: number) => new Date(Date.now() + count * 3_600_000);

function request(overrides: Record<string, unknown> = {}) {
  return create(ScheduleOnDutyRequestSchema, {
    professionalId: PROFESSIONAL,
    country: 'RS',
    alertKind: AlertKind.UNSPECIFIED,
    startsAt: timestampFromDate(hours(1)),
    endsAt: timestampFromDate(hours(9)),
    ...overrides,
  });
}

describe('a shift as an admin asks for it', () => {
  it('carries the professional, the country, the kind as stored (ANY for every kind) and the window', () => {
    const command = ScheduleOnDutyCommand.from(request());
    expect(command).toMatchObject({ professionalId: PROFESSIONAL, country: 'RS', alertKind: 'ANY' });
    expect(command.endsAt.getTime() - command.startsAt.getTime()).toBe(8 * 3_600_000);
  });

  it.each([
    [{ startsAt: undefined }, 'input.startsAt'],
    [{ endsAt: undefined }, 'input.endsAt'],
    [{ professionalId: 'not-an-id' }, 'input.professionalId'],
    [{ country: 'rs' }, 'input.country'],
    [{ alertKind: 999 }, 'input.alertKind'],
    [{ endsAt: timestampFromDate(hours(1)) }, 'input.endsAt'],
    [{ startsAt: timestampFromDate(hours(-9)), endsAt: timestampFromDate(hours(-1)) }, 'input.endsAt'],
    [{ endsAt: timestampFromDate(hours(24 * 40)) }, 'input.endsAt'],
  ])('refuses %j as BAD_USER_INPUT on %s', (overrides, field) => {
    expect(() => ScheduleOnDutyCommand.from(request(overrides))).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', field }));
  });
});
