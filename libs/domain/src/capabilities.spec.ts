import type { Actor } from './actor';
import { capabilitiesOf } from './capabilities';

const DEMO_USERS = {
  'submitter-pt': { sub: 'submitter-pt', roles: ['submitter'], country: 'PT' },
  'consultee-pt-education': { sub: 'c', roles: ['consultee'], country: 'PT', body: 'ministry-education' },
  'secretariat-anna': { sub: 'anna', roles: ['secretariat'] },
  'gof-es': { sub: 'gof-es', roles: ['gof_member'], seat: 'ES' },
  'cso-youth-network': { sub: 'cso', roles: ['cso'], org: 'youth-network' },
  'admin-ops': { sub: 'admin-ops', roles: ['admin'] },
} satisfies Record<string, Actor>;

describe('capabilitiesOf', () => {
  it.each<[string, Actor, Partial<ReturnType<typeof capabilitiesOf>>]>([
    [
      'a submitter of a country',
      DEMO_USERS['submitter-pt'],
      { canSubmitPlans: true, canReviewTasks: false, taskTypes: ['disposition'], canComment: false, isAdmin: false },
    ],
    ['a submitter without a country', { sub: 's', roles: ['submitter'] }, { canSubmitPlans: false }],
    [
      'a consultee',
      DEMO_USERS['consultee-pt-education'],
      { canSubmitPlans: false, canReviewTasks: true, taskTypes: ['consultation'] },
    ],
    [
      'the secretariat',
      DEMO_USERS['secretariat-anna'],
      { canReviewTasks: true, taskTypes: ['secretariat_review'], canModerateComments: true },
    ],
    ['a Group of Friends seat', DEMO_USERS['gof-es'], { canReviewTasks: true, taskTypes: ['endorsement'] }],
    ['civil society', DEMO_USERS['cso-youth-network'], { canComment: true, canReviewTasks: false, taskTypes: [] }],
    [
      'an admin (admins reassign, they do not decide)',
      DEMO_USERS['admin-ops'],
      { isAdmin: true, canReviewTasks: false, taskTypes: [], canSubmitPlans: false, canModerateComments: false },
    ],
    [
      'a user with none of our roles',
      { sub: 'x', roles: [] },
      {
        canSubmitPlans: false,
        canReviewTasks: false,
        taskTypes: [],
        canComment: false,
        canModerateComments: false,
        isAdmin: false,
      },
    ],
  ])('%s', (_who, actor, expected) => {
    expect(capabilitiesOf(actor)).toMatchObject(expected);
  });
});
