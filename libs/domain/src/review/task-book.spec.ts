import { TaskOutcome, TaskSpec } from '../task.types';
import type { Actor } from '../actor';
import { DomainError, ErrorCode } from '../domain-error';
import { TaskBook, assertMayRelease, assertNotClaimedByAnother, reminderAt, taskClosed } from './task-book';

const version = { number: 1, hash: 'h1' };
const spec = (id: string, createdAt = 0, dueAt = 1_000): TaskSpec<'consultation'> => ({
  id,
  type: 'consultation',
  stage: 'NATIONAL_CONSULTATION',
  candidate: { role: 'consultee', country: 'PT', body: id },
  createdAt,
  dueAt,
  version,
  workflowId: 'wf',
});
const outcome = (taskId: string): TaskOutcome => ({
  type: 'consultation',
  taskId,
  decision: 'support',
  actor: 'u',
  completedAt: 1,
  version,
});
const ids = (tasks: { id: string }[]) => tasks.map((t) => t.id);

describe('reminderAt', () => {
  it.each([
    [0, 1_000, 750],
    [1_000, 2_000, 1_750],
    [0, 14 * 86_400_000, 907_200_000],
    [0, 3, 2],
  ])('for a task from %p due %p is %p (75%%, rounded down)', (createdAt, dueAt, at) => {
    expect(reminderAt({ createdAt, dueAt })).toBe(at);
  });
});

describe('TaskBook', () => {
  it('adds open tasks, not yet reminded nor overdue', () => {
    const book = new TaskBook();
    const task = book.add(spec('a'), 'no_response');
    expect(task).toMatchObject({ id: 'a', status: 'open', reminded: false, overdue: false });
    expect(book.get('a')).toBe(task);
    expect(ids(book.open())).toEqual(['a']);
  });

  describe('nextWakeup', () => {
    it('is undefined with no open task', () => {
      const book = new TaskBook();
      expect(book.nextWakeup()).toBeUndefined();
      book.add(spec('a'), 'no_response');
      book.complete('a', outcome('a'));
      expect(book.nextWakeup()).toBeUndefined();
    });

    it('is the earliest reminder of the open tasks', () => {
      const book = new TaskBook();
      book.add(spec('a', 0, 1_000), 'no_response'); // reminder at 750
      book.add(spec('b', 0, 400), 'no_response'); // reminder at 300
      expect(book.nextWakeup()).toBe(300);
    });

    it('moves to the due date once the reminder is taken, then to nothing once overdue', () => {
      const book = new TaskBook();
      book.add(spec('a', 0, 1_000), 'no_response');
      book.takeDue(750);
      expect(book.nextWakeup()).toBe(1_000);
      book.takeDue(1_000);
      expect(book.nextWakeup()).toBeUndefined();
    });

    it('takes the earliest across tasks in different phases', () => {
      const book = new TaskBook();
      book.add(spec('a', 0, 1_000), 'no_response');
      book.takeDue(750); // a: next is its due date 1000
      book.add(spec('b', 800, 1_200), 'no_response'); // b: reminder at 1100
      expect(book.nextWakeup()).toBe(1_000);
    });
  });

  describe('takeDue', () => {
    it('takes nothing before the reminder', () => {
      const book = new TaskBook();
      book.add(spec('a'), 'no_response');
      expect(book.takeDue(749)).toEqual({ reminders: [], overdue: [] });
      expect(book.get('a')!.reminded).toBe(false);
    });

    it('takes the reminder at 75%, once', () => {
      const book = new TaskBook();
      book.add(spec('a'), 'no_response');
      expect(ids(book.takeDue(750).reminders)).toEqual(['a']);
      expect(book.get('a')!.reminded).toBe(true);
      expect(book.takeDue(800)).toEqual({ reminders: [], overdue: [] });
    });

    it('takes the overdue notice at the due date, once', () => {
      const book = new TaskBook();
      book.add(spec('a'), 'no_response');
      book.takeDue(750);
      expect(book.takeDue(999).overdue).toEqual([]);
      const due = book.takeDue(1_000);
      expect(ids(due.overdue)).toEqual(['a']);
      expect(due.reminders).toEqual([]);
      expect(book.get('a')!.overdue).toBe(true);
      expect(book.takeDue(5_000)).toEqual({ reminders: [], overdue: [] });
    });

    it('takes both at once when woken late', () => {
      const book = new TaskBook();
      book.add(spec('a'), 'no_response');
      const due = book.takeDue(2_000);
      expect(ids(due.reminders)).toEqual(['a']);
      expect(ids(due.overdue)).toEqual(['a']);
    });

    it('ignores tasks that are no longer open', () => {
      const book = new TaskBook();
      book.add(spec('a'), 'no_response');
      book.add(spec('b'), 'no_response');
      book.complete('a', outcome('a'));
      const due = book.takeDue(2_000);
      expect(ids(due.reminders)).toEqual(['b']);
      expect(ids(due.overdue)).toEqual(['b']);
    });
  });

  describe('extend', () => {
    it('moves the due date and re-arms the reminder and overdue notices', () => {
      const book = new TaskBook();
      book.add(spec('a', 0, 1_000), 'no_response');
      book.takeDue(1_000); // reminded and overdue
      const task = book.extend('a', 3_000, 1_100); // new reminder at 2250
      expect(task).toMatchObject({ dueAt: 3_000, reminded: false, overdue: false });
      expect(book.nextWakeup()).toBe(2_250);
      expect(ids(book.takeDue(2_250).reminders)).toEqual(['a']);
      expect(ids(book.takeDue(3_000).overdue)).toEqual(['a']);
    });

    it('does not remind again when the new reminder time has already passed', () => {
      const book = new TaskBook();
      book.add(spec('a', 0, 1_000), 'no_response');
      book.takeDue(800); // reminded
      book.extend('a', 1_200, 950); // new reminder at 900, already past
      expect(book.get('a')!.reminded).toBe(true);
      expect(book.takeDue(1_000).reminders).toEqual([]);
      expect(book.nextWakeup()).toBe(1_200);
    });

    it('still sends a reminder that never went out, when the new reminder time has already passed', () => {
      const book = new TaskBook();
      book.add(spec('a', 0, 1_000), 'no_response');
      book.extend('a', 800, 700); // moved earlier: reminder at 600 passed, but none was sent
      expect(book.nextWakeup()).toBe(600);
      expect(ids(book.takeDue(700).reminders)).toEqual(['a']);
    });

    it('refuses an unknown task', () => {
      expect(() => new TaskBook().extend('nope', 1, 0)).toThrow('unknown task nope');
    });
  });

  it('reassigns a task to one user', () => {
    const book = new TaskBook();
    book.add(spec('a'), 'no_response');
    expect(book.reassign('a', 'user-2').assignee).toBe('user-2');
    expect(book.get('a')!.assignee).toBe('user-2');
    expect(() => book.reassign('nope', 'x')).toThrow('unknown task nope');
  });

  it('completes a task with its outcome', () => {
    const book = new TaskBook();
    book.add(spec('a'), 'no_response');
    const task = book.complete('a', outcome('a'));
    expect(task.status).toBe('completed');
    expect(task.outcome).toEqual(outcome('a'));
    expect(book.open()).toEqual([]);
    expect(() => book.complete('nope', outcome('nope'))).toThrow('unknown task nope');
  });

  it('cancels the open tasks only, and returns them', () => {
    const book = new TaskBook();
    book.add(spec('a'), 'no_response');
    book.add(spec('b'), 'no_response');
    book.add(spec('c'), 'no_response');
    book.complete('b', outcome('b'));
    expect(ids(book.cancelOpen())).toEqual(['a', 'c']);
    expect(book.all().map((t) => [t.id, t.status])).toEqual([
      ['a', 'cancelled'],
      ['b', 'completed'],
      ['c', 'cancelled'],
    ]);
    expect(book.cancelOpen()).toEqual([]);
    expect(book.nextWakeup()).toBeUndefined();
  });

  describe('revision', () => {
    it.each<[string, (book: TaskBook) => unknown]>([
      ['add', (b) => b.add(spec('z'), 'no_response')],
      ['claim', (b) => b.claim('a', 'u')],
      ['release', (b) => b.release('a')],
      ['complete', (b) => b.complete('a', outcome('a'))],
      ['extend', (b) => b.extend('a', 5_000, 0)],
      ['reassign', (b) => b.reassign('a', 'u')],
      ['cancelOpen', (b) => b.cancelOpen()],
    ])('is bumped by %s', (_label, change) => {
      const book = new TaskBook();
      book.add(spec('a'), 'no_response');
      const before = book.revision;
      change(book);
      expect(book.revision).toBeGreaterThan(before);
    });

    it.each<[string, (book: TaskBook) => unknown]>([
      ['cancelOpen with nothing open', (b) => b.cancelOpen()],
      ['takeDue', (b) => b.takeDue(10_000)],
      ['nextWakeup', (b) => b.nextWakeup()],
      ['reads', (b) => [b.get('a'), b.all(), b.open()]],
    ])('is not bumped by %s', (_label, action) => {
      const book = new TaskBook();
      book.add(spec('a'), 'no_response');
      book.complete('a', outcome('a'));
      const before = book.revision;
      action(book);
      expect(book.revision).toBe(before);
    });
  });
});

describe('claims', () => {
  const actorOf = (sub: string, roles: Actor['roles'] = ['consultee']): Actor => ({
    sub,
    roles,
    country: 'PT',
    body: 'a',
  });
  const codeOf = (check: () => void) => {
    try {
      check();
      return undefined;
    } catch (error) {
      return (error as DomainError).code;
    }
  };

  it('a claimed task is held: its holder may go on, anybody else hears who holds it', () => {
    const book = new TaskBook();
    const task = book.add(spec('a'), 'no_response');
    expect(codeOf(() => assertNotClaimedByAnother(task, actorOf('u1')))).toBeUndefined();
    book.claim('a', 'u1');
    expect(codeOf(() => assertNotClaimedByAnother(task, actorOf('u1')))).toBeUndefined();
    expect(codeOf(() => assertNotClaimedByAnother(task, actorOf('u2')))).toBe(ErrorCode.TaskClaimed);
  });

  it('a claim is released by its holder or an admin; a task nobody holds cannot be released', () => {
    const book = new TaskBook();
    const task = book.add(spec('a'), 'no_response');
    expect(codeOf(() => assertMayRelease(task, actorOf('u1')))).toBe(ErrorCode.TaskNotClaimed);
    book.claim('a', 'u1');
    expect(codeOf(() => assertMayRelease(task, actorOf('u2')))).toBe(ErrorCode.TaskClaimed);
    expect(codeOf(() => assertMayRelease(task, actorOf('u1')))).toBeUndefined();
    expect(codeOf(() => assertMayRelease(task, actorOf('ops', ['admin'])))).toBeUndefined();
    book.release('a');
    expect(task.claimedBy).toBeUndefined();
  });

  it('a reassignment drops the claim', () => {
    const book = new TaskBook();
    const task = book.add(spec('a'), 'no_response');
    book.claim('a', 'u1');
    book.reassign('a', 'u2');
    expect(task.claimedBy).toBeUndefined();
  });

  it('a closed task says so, with its status', () => {
    expect(taskClosed({ id: 't1', status: 'completed' })).toMatchObject({
      code: ErrorCode.TaskClosed,
      message: 'task t1 is already completed',
    });
  });
});
