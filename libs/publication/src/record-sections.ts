/**
 * The record's body, drawn from its canonical data: the plan's content field by field, the
 * timeline of its review, the civil society comments with their dispositions, and the footers.
 */
import { FIELDS_OF_ACTION, type PlanAction } from '@aoc/domain/plan.types';
import type { AdoptionRecordData, PublicComment, PublicTimelineEntry } from '@aoc/domain/publication.types';
import { MARGIN, MUTED, REGULAR, RULE, type PageWriter, type Translate } from './record-layout';

/**
 * Lets the event loop run between the record's parts: the worker renders in the process that runs
 * the workflows, and a second of layout in one piece would hold every decision waiting behind it.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function drawContent(page: PageWriter, data: AdoptionRecordData): Promise<void> {
  const { t } = page;
  const { content } = data;
  page.heading(t('content.heading'), 1);
  page.heading(t('content.summary'), 2);
  for (const paragraph of content.summary.split(/\n\s*\n/)) page.paragraph(paragraph.trim());
  page.heading(t('content.partners'), 2);
  page.bullets(content.partners, t('content.none'));
  page.heading(t('content.priorityTopics'), 2);
  page.bullets(content.priorityTopics, t('content.none'));

  for (const field of FIELDS_OF_ACTION) {
    await yieldToEventLoop();
    const section = content.fields[field];
    page.heading(t(`field.${field}`), 2);
    page.heading(t('content.objectives'), 3);
    page.bullets(section?.objectives ?? [], t('content.noObjectives'));
    page.heading(t('content.actions'), 3);
    const actions = section?.actions ?? [];
    if (actions.length === 0) {
      page.paragraph(t('content.noActions'), { color: MUTED });
      continue;
    }
    const width = page.width;
    page.table(
      [
        { header: t('content.actions'), width: width * 0.28 },
        { header: t('content.actionLead'), width: width * 0.19 },
        { header: t('content.actionPartners'), width: width * 0.19 },
        { header: t('content.actionTimeline'), width: width * 0.13 },
        { header: t('content.actionIndicators'), width: width * 0.21 },
      ],
      actions.map((action: PlanAction) => [
        action.title,
        action.lead,
        action.partners.length > 0 ? action.partners.join('\n') : '—',
        action.timeline,
        action.indicators.length > 0 ? action.indicators.map((indicator) => `• ${indicator}`).join('\n') : '—',
      ]),
    );
  }
}

export function drawTimeline(page: PageWriter, timeline: PublicTimelineEntry[], date: (iso: string) => string): void {
  const { t } = page;
  page.heading(t('timeline.heading'), 1);
  const width = page.width;
  const rows = timeline.map((entry): string[] => {
    switch (entry.kind) {
      case 'submitted':
        return [
          t('timeline.submitted'),
          String(entry.version),
          date(entry.at),
          '',
          t('timeline.submittedOutcome', { version: entry.version }),
        ];
      case 'stage':
        return [
          t(`stage.${entry.stage}`),
          String(entry.version),
          date(entry.enteredAt),
          entry.completedAt ? date(entry.completedAt) : '',
          entry.outcome
            ? t(`outcome.${entry.outcome}`, { date: date(entry.completedAt ?? entry.enteredAt) })
            : t('timeline.inProgress'),
        ];
      case 'revision':
        return [
          t('timeline.revision'),
          String(entry.version),
          date(entry.at),
          '',
          t('timeline.revisionOutcome', { stage: t(`stage.${entry.returnTo}`) }),
        ];
      case 'version':
        return [
          t('timeline.newVersion'),
          String(entry.version),
          date(entry.at),
          '',
          t('timeline.newVersionOutcome', { version: entry.version, hash: entry.hash }),
        ];
      case 'endorsed':
        return [
          t('timeline.endorsed'),
          String(entry.version),
          date(entry.at),
          '',
          t('timeline.endorsedOutcome', { version: entry.version }),
        ];
    }
  });
  page.table(
    [
      { header: t('timeline.stage'), width: width * 0.22 },
      { header: t('timeline.version'), width: width * 0.08 },
      { header: t('timeline.began'), width: width * 0.17 },
      { header: t('timeline.ended'), width: width * 0.17 },
      { header: t('timeline.outcome'), width: width * 0.36 },
    ],
    rows,
  );
}

export function drawComments(page: PageWriter, comments: PublicComment[], date: (iso: string) => string): void {
  const { t } = page;
  page.heading(t('comments.heading'), 1);
  if (comments.length === 0) return page.paragraph(t('comments.none'));
  const width = page.width;
  const fieldName = (field?: string) =>
    !field
      ? t('comments.general')
      : (FIELDS_OF_ACTION as readonly string[]).includes(field)
        ? t(`field.${field as (typeof FIELDS_OF_ACTION)[number]}`)
        : field;
  page.table(
    [
      { header: t('comments.organization'), width: width * 0.14 },
      { header: t('comments.date'), width: width * 0.13 },
      { header: t('comments.version'), width: width * 0.08 },
      { header: t('comments.field'), width: width * 0.1 },
      { header: t('comments.text'), width: width * 0.23 },
      { header: t('comments.disposition'), width: width * 0.14 },
      { header: t('comments.response'), width: width * 0.18 },
    ],
    comments.map((comment) => [
      comment.organization,
      date(comment.postedAt),
      String(comment.version),
      fieldName(comment.field),
      comment.hidden
        ? comment.hiddenReason
          ? t('comments.hidden', { reason: comment.hiddenReason })
          : t('comments.hiddenNoReason')
        : (comment.text ?? ''),
      comment.disposition ? t(`disposition.${comment.disposition}`) : t('comments.noDisposition'),
      comment.response ?? '',
    ]),
  );
}

/** "Page X of Y" and the record id on every page, once the number of pages is known. */
export function drawFooters(doc: PDFKit.PDFDocument, t: Translate, recordId: string): void {
  const { start, count } = doc.bufferedPageRange();
  for (let index = start; index < start + count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    const width = doc.page.width - MARGIN.left - MARGIN.right;
    const y = doc.page.height - MARGIN.bottom + 24;
    doc
      .moveTo(MARGIN.left, y - 6)
      .lineTo(MARGIN.left + width, y - 6)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.font(REGULAR).fontSize(7.5).fillColor(MUTED);
    doc.text(t('footer.record', { recordId }), MARGIN.left, y, { width: width * 0.7, lineBreak: false });
    doc.text(t('footer.page', { page: index - start + 1, pages: count }), MARGIN.left + width * 0.7, y, {
      width: width * 0.3,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}
