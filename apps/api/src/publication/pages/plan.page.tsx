import { FIELDS_OF_ACTION } from '@aoc/domain/plan.types';
import type { PublicComment, PublicTimelineEntry } from '@aoc/domain/publication.types';
import type { PublicPlanView } from '../publication.service';
import { countryName, formatDate, Layout, withLang, type PageContext } from './layout';

function TimelineRow({ ctx, entry }: { ctx: PageContext; entry: PublicTimelineEntry }) {
  const { t, lang } = ctx;
  switch (entry.kind) {
    case 'stage':
      return (
        <tr>
          <td data-label={t('plan.stageColumn')}>{t(`stage.${entry.stage}`)}</td>
          <td data-label={t('plan.versionColumn')}>{entry.version}</td>
          <td data-label={t('plan.beganColumn')}>{formatDate(lang, entry.enteredAt)}</td>
          <td data-label={t('plan.endedColumn')}>
            {entry.completedAt ? formatDate(lang, entry.completedAt) : t('plan.running')}
          </td>
          <td data-label={t('plan.outcomeColumn')}>
            {entry.outcome ? t(`outcome.${entry.outcome}`) : t('plan.running')}
          </td>
        </tr>
      );
    case 'submitted':
    case 'endorsed':
    case 'revision':
    case 'version':
      return (
        <tr className="aoc-public__event">
          <td colSpan={2} data-label={t('plan.stageColumn')}>
            {entry.kind === 'submitted'
              ? t('plan.submitted')
              : entry.kind === 'endorsed'
                ? t('plan.endorsedRow')
                : entry.kind === 'revision'
                  ? t('plan.revisionRequested', { stage: t(`stage.${entry.returnTo}`) })
                  : t('plan.versionCreated', { number: entry.version })}
          </td>
          <td colSpan={3} data-label={t('plan.dateColumn')}>
            {formatDate(lang, entry.at)}
          </td>
        </tr>
      );
  }
}

function CommentRow({ ctx, comment, name }: { ctx: PageContext; comment: PublicComment; name: string }) {
  const { t, lang } = ctx;
  return (
    <tr>
      <td data-label={t('plan.organizationColumn')}>{name}</td>
      <td data-label={t('plan.dateColumn')}>
        {formatDate(lang, comment.postedAt)}
        <br />
        <span className="aoc-public__muted">{t('plan.version', { number: comment.version })}</span>
      </td>
      <td data-label={t('plan.commentColumn')}>
        {comment.field ? <span className="cds--tag cds--tag--teal">{t(`field.${comment.field}`)}</span> : null}
        {comment.hidden ? (
          <em className="aoc-public__hidden">
            {comment.hiddenReason ? t('plan.hidden', { reason: comment.hiddenReason }) : t('plan.hiddenNoReason')}
          </em>
        ) : (
          <span className="aoc-public__text">{comment.text}</span>
        )}
      </td>
      <td data-label={t('plan.dispositionColumn')}>
        {comment.disposition ? t(`disposition.${comment.disposition}`) : t('plan.pending')}
      </td>
      <td data-label={t('plan.responseColumn')} className="aoc-public__text">
        {comment.response ?? ''}
      </td>
    </tr>
  );
}

/** GET /public/plans/:id: what §10 lists of an endorsed plan, or of a plan open for comment. */
export function PlanPageView({ ctx, plan }: { ctx: PageContext; plan: PublicPlanView }) {
  const { t, lang } = ctx;
  const { content } = plan;
  // Organizations are registry ids: shown by name (an id the registry doesn't know, as it is).
  const organization = (id: string) => plan.organizationNames[id] ?? id;
  return (
    <Layout
      ctx={ctx}
      title={plan.title}
      description={plan.summary.slice(0, 300)}
      canonical={`/public/plans/${plan.id}`}
    >
      <p className="aoc-public__meta">
        <span className="cds--tag cds--tag--blue">{t(`kind.${plan.kind}`)}</span>
        {plan.countries.map((c) => (
          <span key={c} className="cds--tag cds--tag--gray">
            {countryName(lang, c)}
          </span>
        ))}
      </p>
      <h1>{plan.title}</h1>
      {plan.status === 'ENDORSED' ? (
        <div
          className="cds--inline-notification cds--inline-notification--success cds--inline-notification--low-contrast aoc-public__notice"
          role="status"
        >
          <p>
            <strong>{t('plan.endorsed', { date: plan.endorsedAt ? formatDate(lang, plan.endorsedAt) : '' })}</strong>
          </p>
        </div>
      ) : (
        <div
          className="cds--inline-notification cds--inline-notification--info cds--inline-notification--low-contrast aoc-public__notice"
          role="status"
        >
          <p>
            <strong>
              {t('plan.openForComment', {
                date: plan.commentWindowClosesAt ? formatDate(lang, plan.commentWindowClosesAt) : '',
              })}
            </strong>
          </p>
          <p>{t('plan.howToComment')}</p>
          <p>
            <a className="cds--btn cds--btn--primary cds--btn--sm" href="/auth/login?returnTo=%2Fcivil-society">
              {t('plan.signInToComment')}
            </a>
          </p>
        </div>
      )}
      <dl className="aoc-public__facts">
        <dt>{t('plan.version', { number: plan.version.number })}</dt>
        <dd>
          {t('plan.hash')}: <code>{plan.version.hash}</code>
        </dd>
      </dl>

      {plan.status === 'ENDORSED' ? (
        <section className="cds--tile aoc-public__record" aria-labelledby="record">
          <h2 id="record">{t('plan.recordTitle')}</h2>
          <p>{t('plan.recordText')}</p>
          {plan.record ? (
            <p>
              <a className="cds--link" href={withLang(`/public/records/${plan.record.id}`, lang)}>
                {t('plan.recordLink', { id: plan.record.id })}
              </a>
            </p>
          ) : (
            <p>{t('plan.recordPending')}</p>
          )}
        </section>
      ) : null}

      <h2>{t('plan.summary')}</h2>
      <p className="aoc-public__text">{content.summary}</p>
      <dl className="aoc-public__facts">
        <dt>{t('plan.partners')}</dt>
        <dd>{content.partners.length > 0 ? content.partners.map(organization).join(', ') : t('plan.noTopics')}</dd>
        <dt>{t('plan.topics')}</dt>
        <dd>{content.priorityTopics.length > 0 ? content.priorityTopics.join(', ') : t('plan.noTopics')}</dd>
      </dl>

      <h2>{t('plan.fields')}</h2>
      {FIELDS_OF_ACTION.map((field) => {
        const section = content.fields[field];
        return (
          <section key={field} className="aoc-public__field" aria-labelledby={`field-${field}`}>
            <h3 id={`field-${field}`}>{t(`field.${field}`)}</h3>
            {section.objectives.length === 0 ? (
              <p className="aoc-public__muted">{t('plan.noObjectives')}</p>
            ) : (
              <>
                <h4>{t('plan.objectives')}</h4>
                <ul>
                  {section.objectives.map((o, i) => (
                    <li key={i}>{o}</li>
                  ))}
                </ul>
              </>
            )}
            {section.actions.length > 0 ? (
              <>
                <h4>{t('plan.actions')}</h4>
                <ul className="aoc-public__actions-list">
                  {section.actions.map((a, i) => (
                    <li key={i}>
                      <strong>{a.title}</strong>
                      <dl className="aoc-public__facts aoc-public__facts--compact">
                        <dt>{t('plan.lead')}</dt>
                        <dd>{a.lead}</dd>
                        {a.partners.length > 0 ? (
                          <>
                            <dt>{t('plan.actionPartners')}</dt>
                            <dd>{a.partners.map(organization).join(', ')}</dd>
                          </>
                        ) : null}
                        <dt>{t('plan.timeline')}</dt>
                        <dd>{a.timeline}</dd>
                        {a.indicators.length > 0 ? (
                          <>
                            <dt>{t('plan.indicators')}</dt>
                            <dd>{a.indicators.join('; ')}</dd>
                          </>
                        ) : null}
                      </dl>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </section>
        );
      })}

      <section aria-labelledby="review">
        <h2 id="review">{t('plan.review')}</h2>
        <p className="aoc-public__muted">{t('plan.reviewIntro')}</p>
        <div className="aoc-public__table-wrap" tabIndex={0} role="region" aria-labelledby="review">
          <table className="cds--data-table cds--data-table--sm aoc-public__table">
            <thead>
              <tr>
                <th scope="col">{t('plan.stageColumn')}</th>
                <th scope="col">{t('plan.versionColumn')}</th>
                <th scope="col">{t('plan.beganColumn')}</th>
                <th scope="col">{t('plan.endedColumn')}</th>
                <th scope="col">{t('plan.outcomeColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {plan.timeline.map((entry, i) => (
                <TimelineRow key={i} ctx={ctx} entry={entry} />
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="comments">
        <h2 id="comments">{t('plan.comments')}</h2>
        <p className="aoc-public__muted">{t('plan.commentsIntro')}</p>
        {plan.comments.length === 0 ? (
          <p>{t('plan.noComments')}</p>
        ) : (
          <div className="aoc-public__table-wrap" tabIndex={0} role="region" aria-labelledby="comments">
            <table className="cds--data-table cds--data-table--sm aoc-public__table">
              <thead>
                <tr>
                  <th scope="col">{t('plan.organizationColumn')}</th>
                  <th scope="col">{t('plan.dateColumn')}</th>
                  <th scope="col">{t('plan.commentColumn')}</th>
                  <th scope="col">{t('plan.dispositionColumn')}</th>
                  <th scope="col">{t('plan.responseColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.comments.map((c) => (
                  <CommentRow key={c.id} ctx={ctx} comment={c} name={organization(c.organization)} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p>
        <a className="cds--link" href={`/api/public/plans/${plan.id}`} type="application/json">
          {t('plan.json')}
        </a>
      </p>
    </Layout>
  );
}
