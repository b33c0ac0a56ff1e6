import 'reflect-metadata';
import { AlertsEvents, DirectoryEvents } from '@cpx/contracts';
import { foreignSourceProblem } from './handle-event.decorator';

describe('foreignSourceProblem', () => {
  it('accepts an event from the owner of its topic', () => {
    expect(foreignSourceProblem(DirectoryEvents.topic, '/cpx/directory')).toBeUndefined();
    expect(foreignSourceProblem(AlertsEvents.topic, '/cpx/alerts')).toBeUndefined();
  });

  it('names any other source, however close', () => {
    expect(foreignSourceProblem(DirectoryEvents.topic, '/cpx/feeds')).toBe('ce_source "/cpx/feeds" is not the owner of cpx.directory.v1.events (/cpx/directory)');
    expect(foreignSourceProblem(DirectoryEvents.topic, '/cpx/directory/')).toMatch(/is not the owner/);
    expect(foreignSourceProblem(AlertsEvents.topic, '/cpx/directory')).toMatch(/is not the owner of cpx\.alerts\.v1\.events/);
  });

  it('refuses every event of a topic the registry names no owner for', () => {
    expect(foreignSourceProblem('cpx.unknown.v1.events', '/cpx/unknown')).toMatch(/no owner/);
  });
});
