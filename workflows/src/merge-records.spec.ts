import type { DomainEvent } from '@aoc/domain/event.types';
import type { TaskSpec } from '@aoc/domain/task.types';
import { mergeRecords } from './merge-records';

const version = { number: 1, hash: 'h' };
const event = (key: string): DomainEvent => ({
  key,
  planId: 'p',
  type: 'STAGE_ENTERED',
  actor: 'system',
  version,
  at: 0,
  payload: {},
});
const task = (id: string) => ({ id }) as TaskSpec;

describe('mergeRecords: a stage change written as one', () => {
  it('joins the events and the lists in the order they were made', () => {
    const merged = mergeRecords(
      { events: [event('#1')], cancelTasks: ['a'] },
      { events: [event('#2'), event('#3')], createTasks: [task('b')], cancelTasks: ['c'] },
    );
    expect(merged.events?.map((e) => e.key)).toEqual(['#1', '#2', '#3']);
    expect(merged.createTasks?.map((t) => t.id)).toEqual(['b']);
    expect(merged.cancelTasks).toEqual(['a', 'c']);
  });

  it('keeps the later status, or the earlier when the later has none', () => {
    const entered = { status: 'SECRETARIAT_REVIEW' as const, version, returnTo: null };
    const ended = { status: 'REJECTED' as const, version, returnTo: null };
    expect(mergeRecords({ status: entered }, { status: ended }).status).toEqual(ended);
    expect(mergeRecords({ status: entered }, { events: [event('#1')] }).status).toEqual(entered);
    expect(mergeRecords({ events: [] }, {})).not.toHaveProperty('status');
  });

  it("cancels every open task when either part does ('all-open' wins over a list)", () => {
    expect(mergeRecords({ cancelTasks: ['a'] }, { cancelTasks: 'all-open' }).cancelTasks).toBe('all-open');
    expect(mergeRecords({ cancelTasks: 'all-open' }, {}).cancelTasks).toBe('all-open');
    expect(mergeRecords({}, {})).not.toHaveProperty('cancelTasks');
  });

  it('leaves out the lists that both parts lack', () => {
    expect(mergeRecords({ events: [event('#1')] }, {})).toEqual({ events: [event('#1')] });
  });
});
