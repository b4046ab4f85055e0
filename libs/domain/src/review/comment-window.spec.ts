import { DomainError, ErrorCode } from '../domain-error';
import type { Actor } from '../actor';
import { CommentWindow, assertHideReason, assertMayModerate } from './comment-window';

const codeOf = (fn: () => void): ErrorCode | undefined => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return undefined;
};

describe('CommentWindow', () => {
  const opened = (now = 1_000, duration = 500) => {
    const window = new CommentWindow();
    window.open(now, duration);
    return window;
  };

  it('is closed until opened, and refuses comments then', () => {
    const window = new CommentWindow();
    expect(window.closingTime).toBeUndefined();
    expect(codeOf(() => window.assertAccepting(0))).toBe(ErrorCode.CommentWindowClosed);
  });

  it('closes at open time + duration', () => {
    expect(opened(1_000, 500).closingTime).toBe(1_500);
  });

  it('moves its close later while open, never earlier, and not once closed', () => {
    const window = opened(1_000, 500);
    expect(codeOf(() => window.extend(1_400, 1_200))).toBe(ErrorCode.ValidationFailed);
    expect(codeOf(() => window.extend(1_100, 1_200))).toBe(ErrorCode.ValidationFailed);
    window.extend(2_000, 1_200);
    expect(window.closingTime).toBe(2_000);
    expect(codeOf(() => window.assertAccepting(1_800))).toBeUndefined();
    expect(codeOf(() => window.extend(3_000, 2_000))).toBe(ErrorCode.NoDeadlineRunning);
  });

  it.each([
    [1_000, true],
    [1_499, true],
    [1_500, false],
    [9_999, false],
  ])('at %p is open: %p', (now, open) => {
    const window = opened();
    expect(codeOf(() => window.assertAccepting(now))).toBe(open ? undefined : ErrorCode.CommentWindowClosed);
  });

  it('explains a late refusal with the closing time', () => {
    expect(() => opened(0, 1_000).assertAccepting(1_000)).toThrow('1970-01-01T00:00:01.000Z');
  });

  it('lists posted comments as visible, in posting order', () => {
    const window = opened();
    window.post('c1');
    window.post('c2');
    expect(window.visibleIds()).toEqual(['c1', 'c2']);
  });

  it('hides a comment from the visible list', () => {
    const window = opened();
    window.post('c1');
    window.post('c2');
    window.hide('c1');
    expect(window.visibleIds()).toEqual(['c2']);
  });

  it('refuses to hide an unknown comment (not found) or one already hidden (COMMENT_ALREADY_HIDDEN)', () => {
    const window = opened();
    window.post('c1');
    expect(codeOf(() => window.hide('nope'))).toBe(ErrorCode.NotFound);
    window.hide('c1');
    expect(codeOf(() => window.assertHideable('c1'))).toBe(ErrorCode.CommentAlreadyHidden);
    expect(codeOf(() => window.hide('c1'))).toBe(ErrorCode.CommentAlreadyHidden);
  });

  it('keeps a hidden comment hidden when the same comment is posted again (an idempotent retry)', () => {
    const window = opened();
    window.post('c1');
    window.hide('c1');
    window.post('c1');
    expect(window.visibleIds()).toEqual([]);
  });
});

describe('assertMayModerate', () => {
  const anna: Actor = { sub: 'anna', roles: ['secretariat'] };
  it('lets the secretariat hide comments on plans of others', () => {
    expect(codeOf(() => assertMayModerate(anna, 'submitter-pt'))).toBeUndefined();
  });
  it('refuses anyone without the secretariat role', () => {
    expect(codeOf(() => assertMayModerate({ sub: 'cso', roles: ['cso'] }, 'submitter-pt'))).toBe(ErrorCode.Forbidden);
  });
  it('refuses a secretariat member who submitted the plan (segregation of duties)', () => {
    const both: Actor = { sub: 'pat', roles: ['submitter', 'secretariat'], country: 'PT' };
    expect(codeOf(() => assertMayModerate(both, 'pat'))).toBe(ErrorCode.Forbidden);
  });
});

describe('assertHideReason', () => {
  it.each(['', ' ', '\t\n  '])('refuses a blank reason %p with a 400 naming the field', (reason) => {
    expect(() => assertHideReason(reason)).toThrow(expect.objectContaining({ code: ErrorCode.ValidationFailed }));
    try {
      assertHideReason(reason);
    } catch (error) {
      expect((error as DomainError).details).toEqual([{ field: 'reason', message: 'must not be blank' }]);
    }
  });

  it('takes a reason that says something', () => {
    expect(() => assertHideReason('  abusive language ')).not.toThrow();
  });
});
