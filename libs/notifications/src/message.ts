import type { EventEntity } from '@aoc/persistence';

/** What an e-mail about an event says, and where it links (the task, else the plan). */
export interface MailMessage {
  subject: string;
  text: string;
  html: string;
  link: string;
}

const SUBJECTS: Record<string, (p: Record<string, unknown>) => string> = {
  TASK_CREATED: () => 'A new task for you',
  TASK_REMINDER: () => 'A task is due soon (reminder)',
  TASK_OVERDUE: () => 'A task is overdue',
  ESCALATED: (p) => `Escalation: ${typeof p.reason === 'string' ? p.reason : 'needs an admin'}`,
  TASK_REASSIGNED: () => 'A task was reassigned',
  DEADLINE_EXTENDED: () => 'A deadline was moved',
  STAGE_ENTERED: (p) => `Your plan entered ${String(p.stage ?? 'a new stage')}`,
  REVISION_REQUESTED: () => 'A revision of your plan was requested',
  PLAN_ENDORSED: () => 'Your plan was endorsed',
  PLAN_REJECTED: () => 'Your plan was rejected',
  PLAN_WITHDRAWN: () => 'Your plan was withdrawn',
  PLAN_CANCELLED: () => 'The review of your plan was cancelled',
  COMMENT_DISPOSED: (p) => `Your comment was answered: ${String(p.disposition ?? '')}`,
};

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The plain-text and HTML e-mail about an event of `planTitle`, linking to `${publicUrl}/tasks/<id>` or `/plans/<id>`. */
export function mailMessage(event: EventEntity, planTitle: string, publicUrl: string): MailMessage {
  const payload = event.payload as Record<string, unknown>;
  const taskId = typeof payload.taskId === 'string' ? payload.taskId : undefined;
  const link = taskId ? `${publicUrl}/tasks/${taskId}` : `${publicUrl}/plans/${event.planId}`;
  const subject = `${(SUBJECTS[event.type] ?? (() => event.type))(payload)}: ${planTitle}`;
  const details: [string, string][] = [
    ['Plan', planTitle],
    ['Event', event.type],
    ['By', event.actor],
    ...(['stage', 'taskType', 'dueAt', 'reason', 'decision', 'disposition', 'response', 'to'] as const)
      .filter((k) => typeof payload[k] === 'string' && payload[k] !== '')
      .map((k): [string, string] => [k, payload[k] as string]),
  ];
  const text = [
    subject,
    '',
    ...details.map(([k, v]) => `${k}: ${v}`),
    '',
    `Open it: ${link}`,
    '',
    'You get this message from the AoC plan approval service; optional messages can be turned off in your notification preferences.',
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p><strong>${escapeHtml(subject)}</strong></p>`,
    '<table>',
    ...details.map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`),
    '</table>',
    `<p><a href="${escapeHtml(link)}">Open it</a></p>`,
    '<p style="color:#666">You get this message from the AoC plan approval service; optional messages can be turned off in your notification preferences.</p>',
    '</body></html>',
  ].join('\n');
  return { subject, text, html, link };
}
