import { deciderScope } from '@aoc/domain/review/decision.rules';
import { INBOX_COUNT_CAP, inboxQueries } from './tasks';

const page = { limit: 20, offset: 40 };
const branches = (sql: string) => sql.split('UNION ALL').length;

describe('inboxQueries', () => {
  it('makes one branch for the assigned tasks and one for each role and way the scopes match', () => {
    // country and body: each unset or mine (2 x 2), seat: unset only (the actor has none).
    const consultee = deciderScope({ sub: 'c', roles: ['consultee'], country: 'PT', body: 'ministry-culture' });
    expect(branches(inboxQueries(consultee, { status: 'open' }, page).page.text)).toBe(1 + 4);
    const twoRoles = deciderScope({ sub: 'm', roles: ['gof_member', 'consultee'], country: 'AL', seat: 'TR' });
    expect(branches(inboxQueries(twoRoles, { status: 'open' }, page).page.text)).toBe(1 + 2 * 4);
  });

  it('writes the status as a literal, so that the partial indexes on open tasks apply', () => {
    const { page: q } = inboxQueries(deciderScope({ sub: 's', roles: ['secretariat'] }), { status: 'open' }, page);
    expect(q.text).toContain(`t.status = 'open'`);
    expect(q.text).toContain('LIMIT 20 OFFSET 40');
    expect(q.text).not.toMatch(/DISTINCT/i);
    expect(() => inboxQueries('admin', { status: `open' OR 1=1 --` as 'open' }, page)).toThrow(/unknown task status/);
  });

  it('gives an actor without a role no task, with every parameter still used', () => {
    const { page: q } = inboxQueries(deciderScope({ sub: 'x', roles: [] }), { status: 'open', planId: 'p' }, page);
    expect(q.text).toContain('FALSE');
    q.params.forEach((_, i) => expect(q.text).toContain(`$${i + 1}`));
  });

  it('counts up to the cap and no further', () => {
    expect(inboxQueries('admin', { status: 'open' }, page).count.text).toContain(`LIMIT ${INBOX_COUNT_CAP + 1}`);
  });
});
