/**
 * THE AUTHORIZATION MATRIX: who may do what, in which state of a plan. Read a block as a table:
 * a row per caller (test/authz/actors.ts), a column per action, each cell the answer expected.
 *
 * Every plan is a National Plan of Portugal written by `submitter-pt` (consultees: PT
 * ministry-education and ministry-culture), except in `NATIONAL_CONSULTATION, regional`: a
 * Regional Strategy of AL, BA and HR written by `coordinator-see`. The `owner+…` rows are
 * `submitter-pt` himself holding further roles: they are the submitter on their own plan.
 *
 * Who reads a plan (DOMAIN §2): Group of Friends seats from its endorsement stage on (the
 * SECRETARIAT_REVIEW, REVISION and WITHDRAWN plans here never reached it), civil society from its
 * comment window on, and then as the public library shows it (test/e2e/who-sees-a-plan.e2e-spec.ts).
 *
 * Cells:  200 201 202 400 401 403 404 409   the HTTP status;
 *         lists | hides                 200, and the plan (or the state's task) is | is not in the list;
 *         shown | masked                200, and a comment the secretariat hid shows its text | null;
 *         -                             not applicable.
 *
 * Columns (run left to right in each block; a 2xx that changes the plan's state runs on a plan
 * of its own, brought into the same state, so that no cell decides another):
 *   plan   GET   /plans/:id                      vers   GET   /plans/:id/versions
 *   diff   GET   /plans/:id/versions/1/diff/1    tline  GET   /plans/:id/timeline
 *   list   GET   /plans?status=<its status>      cmnts  GET   /plans/:id/comments
 *   hiddn  GET   /plans/:id/comments, the text of a comment the secretariat hid
 *   post   POST  /plans/:id/comments             hide   POST  /comments/:id/hide (a comment of the plan)
 *   task   GET   /tasks/:id                      inbox  GET   /tasks?planId=…&status=<the task's status>
 *   claim  POST  /tasks/:id/claim                unclm  POST  /tasks/:id/unclaim (the task held by its candidate)
 *   compl  POST  /tasks/:id/complete (a decision its candidate could give: support, dispose, approve, endorse)
 *   dline  POST  /tasks/:id/deadline (a day later)
 *   reSub  POST  /tasks/:id/reassign to the plan's own submitter (DOMAIN §5: never; 400 says why)
 *   reasg  POST  /tasks/:id/reassign to a user with the task's role and scope
 *   patch  PATCH /plans/:id                      submt  POST  /plans/:id/submit (a repeat while the review runs: 202, idempotent)
 *   wdraw  POST  /plans/:id/withdraw (again, once WITHDRAWN: 200)   cancl  POST  /plans/:id/cancel
 *
 * The task of a state: the PT ministry-education consultation (NATIONAL_CONSULTATION, and after
 * it, completed, in CIVIL_SOCIETY_COMMENT's open window); Albania's consultation (regional); the
 * submitter's disposition of comments; the secretariat review (completed in REVISION: revision
 * requested by secretariat-anna; cancelled in WITHDRAWN); the endorsement of the seat ES
 * (completed by gof-es in ENDORSED). `task reassigned`: the ministry-education task given to
 * consultee-pt-education-2 by the admin. `task claimed`: the secretariat task claimed by
 * secretariat-anna.
 */
export const PLAN_STATE_MATRIX = {
  DRAFT: `
                          plan   vers   diff   tline  list   cmnts  post   patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    404    200    lists  200    403    200    202    200    403
owner+secretariat         200    200    404    200    lists  200    403    200    202    200    403
owner+consultee+gof       200    200    404    200    lists  200    403    200    202    200    403
submitter-pt-2            403    403    403    403    hides  403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    403    403    403
consultee-pt-education    403    403    403    403    hides  403    403    403    403    403    403
consultee-pt-education-2  403    403    403    403    hides  403    403    403    403    403    403
consultee-pt-culture      403    403    403    403    hides  403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    403    403    403
cso-youth-network         403    403    403    403    hides  403    403    403    403    403    403
secretariat-anna          403    403    403    403    hides  403    403    403    403    403    403
secretariat-omar          403    403    403    403    hides  403    403    403    403    403    403
gof-es                    403    403    403    403    hides  403    403    403    403    403    403
gof-tr                    403    403    403    403    hides  403    403    403    403    403    403
admin-ops                 200    200    404    200    lists  200    403    403    403    403    200
`,
  NATIONAL_CONSULTATION: `
                          plan   vers   diff   tline  list   cmnts  post   task   inbox  claim  unclm  compl  dline  reSub  reasg  patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403    409    202    200    403
owner+secretariat         200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403    409    202    200    403
owner+consultee+gof       200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403    409    202    200    403
submitter-pt-2            200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-pt-education    200    200    200    200    lists  200    403    200    lists  200    200    200    403    403    403    403    403    403    403
consultee-pt-education-2  200    200    200    200    lists  200    403    200    lists  200    409    200    403    403    403    403    403    403    403
consultee-pt-culture      200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403    403    403    403    403
cso-youth-network         403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403    403    403    403    403
gof-es                    403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403    403    403    403    403
gof-tr                    403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    403    200    lists  403    200    403    200    400    200    403    403    403    200
`,
  'NATIONAL_CONSULTATION, regional': `
                          plan   vers   diff   tline  list   cmnts  post   task   inbox  claim  unclm  compl  dline  patch  submt
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
owner+secretariat         200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403
owner+consultee+gof       403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
submitter-pt-2            403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
coordinator-see           200    200    200    200    lists  200    403    403    hides  403    403    403    403    409    202
submitter-unscoped        403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
consultee-pt-education    403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
consultee-pt-education-2  403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
consultee-pt-culture      403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
consultee-al-foreign      200    200    200    200    lists  200    403    200    lists  200    200    200    403    403    403
consultee-ba-civil        200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403
cso-youth-network         403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    403    403    hides  403    403    403    403    403    403
gof-es                    403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
gof-tr                    403    403    403    403    hides  403    403    403    hides  403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    403    200    lists  403    200    403    200    403    403
`,
  'NATIONAL_CONSULTATION, task reassigned': `
                          task   inbox  claim  unclm  compl
anonymous                 401    401    401    401    401
forged-admin              401    401    401    401    401
submitter-pt              403    hides  403    403    403
owner+secretariat         403    hides  403    403    403
owner+consultee+gof       403    hides  403    403    403
submitter-pt-2            403    hides  403    403    403
coordinator-see           403    hides  403    403    403
submitter-unscoped        403    hides  403    403    403
consultee-pt-education    403    hides  403    403    403
consultee-pt-education-2  200    lists  200    200    200
consultee-pt-culture      403    hides  403    403    403
consultee-es-education    403    hides  403    403    403
consultee-al-foreign      403    hides  403    403    403
consultee-ba-civil        403    hides  403    403    403
cso-youth-network         403    hides  403    403    403
secretariat-anna          403    hides  403    403    403
secretariat-omar          403    hides  403    403    403
gof-es                    403    hides  403    403    403
gof-tr                    403    hides  403    403    403
admin-ops                 200    lists  403    200    403
`,
  'CIVIL_SOCIETY_COMMENT, window open': `
                          plan   vers   diff   tline  list   cmnts  post   hide   task   inbox  claim  unclm  compl  dline  reasg  patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    202    200    403
owner+secretariat         200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    202    200    403
owner+consultee+gof       200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    202    200    403
submitter-pt-2            200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education    200    200    200    200    lists  200    403    403    200    lists  409    409    409    403    403    403    403    403    403
consultee-pt-education-2  200    200    200    200    lists  200    403    403    200    lists  409    409    409    403    403    403    403    403    403
consultee-pt-culture      200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
cso-youth-network         200    200    200    200    lists  200    201    403    403    hides  403    403    403    403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    403    200    403    hides  403    403    403    403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    403    200    403    hides  403    403    403    403    403    403    403    403    403
gof-es                    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
gof-tr                    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    403    403    200    lists  403    409    403    409    409    403    403    403    200
`,
  'CIVIL_SOCIETY_COMMENT, awaiting disposition': `
                          plan   vers   diff   tline  list   cmnts  post   hide   task   inbox  claim  unclm  compl  dline  reasg  patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    200    200    lists  200    403    403    200    lists  200    200    200    403    403    200    202    200    403
owner+secretariat         200    200    200    200    lists  200    403    403    200    lists  200    200    200    403    403    200    202    200    403
owner+consultee+gof       200    200    200    200    lists  200    403    403    200    lists  200    200    200    403    403    200    202    200    403
submitter-pt-2            200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education    200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education-2  200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-culture      200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
cso-youth-network         200    200    200    200    lists  200    409    403    403    hides  403    403    403    403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    403    200    403    hides  403    403    403    403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    403    200    403    hides  403    403    403    403    403    403    403    403    403
gof-es                    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
gof-tr                    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    403    403    200    lists  403    200    403    200    200    403    403    403    200
`,
  SECRETARIAT_REVIEW: `
                          plan   vers   diff   tline  list   cmnts  hiddn  post   hide   task   inbox  claim  unclm  compl  dline  reSub  reasg  patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    200    200    lists  200    masked 403    403    403    hides  403    403    403    403    403    403    409    202    200    403
owner+secretariat         200    200    200    200    lists  200    shown  403    403    403    hides  403    403    403    403    403    403    409    202    200    403
owner+consultee+gof       200    200    200    200    lists  200    masked 403    403    403    hides  403    403    403    403    403    403    409    202    200    403
submitter-pt-2            200    200    200    200    lists  200    masked 403    403    403    hides  403    403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-pt-education    200    200    200    200    lists  200    masked 403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-pt-education-2  200    200    200    200    lists  200    masked 403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-pt-culture      200    200    200    200    lists  200    masked 403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
cso-youth-network         200    200    200    200    lists  200    masked 409    403    403    hides  403    403    403    403    403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    shown  403    200    200    lists  200    200    200    403    403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    shown  403    200    200    lists  200    409    200    403    403    403    403    403    403    403
gof-es                    403    403    403    403    hides  403    403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
gof-tr                    403    403    403    403    hides  403    403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    shown  403    403    200    lists  403    200    403    200    400    200    403    403    403    200
`,
  'SECRETARIAT_REVIEW, task claimed': `
                          task   claim  unclm  compl
anonymous                 401    401    401    401
forged-admin              401    401    401    401
submitter-pt              403    403    403    403
owner+secretariat         403    403    403    403
owner+consultee+gof       403    403    403    403
submitter-pt-2            403    403    403    403
coordinator-see           403    403    403    403
submitter-unscoped        403    403    403    403
consultee-pt-education    403    403    403    403
consultee-pt-education-2  403    403    403    403
consultee-pt-culture      403    403    403    403
consultee-es-education    403    403    403    403
consultee-al-foreign      403    403    403    403
consultee-ba-civil        403    403    403    403
cso-youth-network         403    403    403    403
secretariat-anna          200    200    200    200
secretariat-omar          200    409    409    409
gof-es                    403    403    403    403
gof-tr                    403    403    403    403
admin-ops                 200    403    200    403
`,
  GOF_ENDORSEMENT: `
                          plan   vers   diff   tline  list   cmnts  post   hide   task   inbox  claim  unclm  compl  dline  reSub  reasg  patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    409    202    200    403
owner+secretariat         200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    409    202    200    403
owner+consultee+gof       200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    409    202    200    403
submitter-pt-2            200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-pt-education    200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-pt-education-2  200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-pt-culture      200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
cso-youth-network         200    200    200    200    lists  200    409    403    403    hides  403    403    403    403    403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    403    200    403    hides  403    403    403    403    403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    403    200    403    hides  403    403    403    403    403    403    403    403    403    403
gof-es                    200    200    200    200    lists  200    403    403    200    lists  200    200    200    403    403    403    403    403    403    403
gof-tr                    200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    403    403    200    lists  403    200    403    200    400    200    403    403    403    200
`,
  REVISION: `
                          plan   vers   diff   tline  list   cmnts  post   hide   task   inbox  claim  unclm  compl  dline  reasg  patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    200    202    200    403
owner+secretariat         200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    200    202    200    403
owner+consultee+gof       200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    200    202    200    403
submitter-pt-2            200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education    200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education-2  200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-culture      200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
cso-youth-network         200    200    200    200    lists  200    409    403    403    hides  403    403    403    403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    403    200    200    lists  409    409    409    403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    403    200    200    lists  409    409    409    403    403    403    403    403    403
gof-es                    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
gof-tr                    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    403    403    200    lists  403    409    403    409    409    403    403    403    200
`,
  ENDORSED: `
                          plan   vers   diff   tline  list   cmnts  post   hide   task   inbox  claim  unclm  compl  dline  reasg  patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    409    409    403
owner+secretariat         200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    409    409    403
owner+consultee+gof       200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    409    409    403
submitter-pt-2            200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education    200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education-2  200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-culture      200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
cso-youth-network         200    200    200    200    lists  200    409    403    403    hides  403    403    403    403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    403    200    403    hides  403    403    403    403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    403    200    403    hides  403    403    403    403    403    403    403    403    403
gof-es                    200    200    200    200    lists  200    403    403    200    lists  409    409    409    403    403    403    403    403    403
gof-tr                    200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    403    403    200    lists  403    409    403    409    409    403    403    403    409
`,
  WITHDRAWN: `
                          plan   vers   diff   tline  list   cmnts  post   hide   task   inbox  claim  unclm  compl  dline  reasg  patch  submt  wdraw  cancl
anonymous                 401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401    401
submitter-pt              200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    409    200    403
owner+secretariat         200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    409    200    403
owner+consultee+gof       200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    409    409    200    403
submitter-pt-2            200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education    200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-education-2  200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-pt-culture      200    200    200    200    lists  200    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
cso-youth-network         200    200    200    200    lists  200    409    403    403    hides  403    403    403    403    403    403    403    403    403
secretariat-anna          200    200    200    200    lists  200    403    200    200    lists  409    409    409    403    403    403    403    403    403
secretariat-omar          200    200    200    200    lists  200    403    200    200    lists  409    409    409    403    403    403    403    403    403
gof-es                    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
gof-tr                    403    403    403    403    hides  403    403    403    403    hides  403    403    403    403    403    403    403    403    403
admin-ops                 200    200    200    200    lists  200    403    403    200    lists  403    409    403    409    409    403    403    403    409
`,
} as const;

/**
 * Actions on no plan in particular; here also tokens that are expired or not even JWTs.
 *   create    POST /plans, a National Plan of Portugal     createRS  POST /plans, a Regional Strategy of AL, BA, HR
 *   plans     GET  /plans                                  inbox     GET  /tasks
 *   seats     GET  /gof-seats                              addSeat   POST /gof-seats, the seat ES again
 *   health    GET  /health (public)                        users     GET  /users (the users directory)
 *   hooks     GET  /admin/webhooks                         addHook   POST /admin/webhooks (removed again after)
 *   delHook   DELETE /admin/webhooks/<unknown id>          hookLog   GET  /admin/webhooks/<unknown id>/deliveries
 *   failed    GET  /admin/notifications/failed             prefs     GET  /me/notification-preferences
 *   setPrefs  PUT  /me/notification-preferences            stream    GET  /events/stream (the status; then closed)
 *   overview  GET  /admin/overview (monitoring)            waiting   GET  /admin/waiting-on (monitoring)
 *   registry  GET  /registry/bodies (DOMAIN §12)           addBody   POST /registry/bodies, PT/ministry-education again
 *   regUsers  GET  /registry/users (e-mail addresses)      regLog    GET  /registry/changes (the registry's log)
 * (addSeat adds an existing seat: a new one would join the silence procedure of every other test.)
 */
export const STATELESS_MATRIX = `
                          create createRS plans  inbox  seats  addSeat health  users  hooks  addHook delHook hookLog failed prefs  setPrefs stream overview waiting registry addBody regUsers regLog
anonymous                 401    401      401    401    401    401     200     401    401    401     401     401     401    401    401      401    401     401      401      401     401      401
forged-admin              401    401      401    401    401    401     200     401    401    401     401     401     401    401    401      401    401     401      401      401     401      401
expired-admin             401    401      401    401    401    401     200     401    401    401     401     401     401    401    401      401    401     401      401      401     401      401
garbage-token             401    401      401    401    401    401     200     401    401    401     401     401     401    401    401      401    401     401      401      401     401      401
submitter-pt              201    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
owner+secretariat         201    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
owner+consultee+gof       201    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
submitter-pt-2            201    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
coordinator-see           403    201      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
submitter-unscoped        403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
consultee-pt-education    403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
consultee-pt-education-2  403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
consultee-pt-culture      403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
consultee-es-education    403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
consultee-al-foreign      403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
consultee-ba-civil        403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
cso-youth-network         403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
secretariat-anna          403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
secretariat-omar          403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
gof-es                    403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
gof-tr                    403    403      200    200    200    403     200     403    403    403     403     403     403    200    200      200    403     403      200      403     403      403
admin-ops                 403    403      200    200    200    409     200     200    200    201     404     404     200    200    200      200    200     200      200      409     200      200
`;

/**
 * POST /plans/:id/deadline (a day later): who may move a stage's running deadline, by the plan's
 * state (test/authz/stage-deadline-matrix.e2e-spec.ts). Only admins; and only where a stage
 * deadline runs: the open comment window, the endorsement's silence procedure (409 elsewhere,
 * naming POST /tasks/:id/deadline for a task's own).
 *   draft   DRAFT                          natc    NATIONAL_CONSULTATION
 *   window  CIVIL_SOCIETY_COMMENT, window open   dispo   CIVIL_SOCIETY_COMMENT, awaiting disposition
 *   secr    SECRETARIAT_REVIEW             gof     GOF_ENDORSEMENT
 *   revis   REVISION                       endrs   ENDORSED               wdrn    WITHDRAWN
 */
export const STAGE_DEADLINE_MATRIX = `
                          draft  natc   window dispo  secr   gof    revis  endrs  wdrn
anonymous                 401    401    401    401    401    401    401    401    401
forged-admin              401    401    401    401    401    401    401    401    401
submitter-pt              403    403    403    403    403    403    403    403    403
owner+secretariat         403    403    403    403    403    403    403    403    403
owner+consultee+gof       403    403    403    403    403    403    403    403    403
submitter-pt-2            403    403    403    403    403    403    403    403    403
coordinator-see           403    403    403    403    403    403    403    403    403
submitter-unscoped        403    403    403    403    403    403    403    403    403
consultee-pt-education    403    403    403    403    403    403    403    403    403
consultee-pt-education-2  403    403    403    403    403    403    403    403    403
consultee-pt-culture      403    403    403    403    403    403    403    403    403
consultee-es-education    403    403    403    403    403    403    403    403    403
consultee-al-foreign      403    403    403    403    403    403    403    403    403
consultee-ba-civil        403    403    403    403    403    403    403    403    403
cso-youth-network         403    403    403    403    403    403    403    403    403
secretariat-anna          403    403    403    403    403    403    403    403    403
secretariat-omar          403    403    403    403    403    403    403    403    403
gof-es                    403    403    403    403    403    403    403    403    403
gof-tr                    403    403    403    403    403    403    403    403    403
admin-ops                 409    409    200    409    409    200    409    409    409
`;
