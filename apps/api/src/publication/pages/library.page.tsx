import { FIELDS_OF_ACTION, PLAN_KINDS } from '@aoc/domain/plan.types';
import type { LibraryFacets, OpenForComment } from '@aoc/persistence/repositories/publication';
import type { LibraryQuery } from '../dto/library.query';
import type { LibraryPage } from '../publication.service';
import { countryName, formatDate, Layout, withLang, type PageContext } from './layout';

/** A select of the search form; its empty option is "any". */
function Filter(props: {
  ctx: PageContext;
  name: string;
  label: string;
  value?: string | number;
  options: { value: string; label: string }[];
}) {
  const id = `filter-${props.name}`;
  return (
    <div className="cds--form-item aoc-public__filter">
      <label htmlFor={id} className="cds--label">
        {props.label}
      </label>
      <div className="cds--select">
        <select id={id} name={props.name} className="cds--select-input" defaultValue={props.value?.toString() ?? ''}>
          <option value="">{props.ctx.t('library.any')}</option>
          {props.options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/** GET /public: the search, the endorsed plans newest first, and the plans open for comment now. */
export function LibraryPageView(props: {
  ctx: PageContext;
  query: LibraryQuery;
  page: LibraryPage;
  facets: LibraryFacets;
  open: OpenForComment[];
}) {
  const { ctx, query, page, facets, open } = props;
  const { t, lang } = ctx;
  const searching = Boolean(query.q || query.country || query.kind || query.field || query.topic || query.year);
  /** This search, from its first page or from `cursor`. */
  const pagePath = (cursor?: string) => {
    const url = new URL(ctx.path, 'http://x');
    url.searchParams.delete('cursor');
    if (cursor) url.searchParams.set('cursor', cursor);
    url.searchParams.set('lang', lang);
    return `${url.pathname}${url.search}`;
  };
  return (
    <Layout
      ctx={ctx}
      title={t('library.title')}
      description={t('library.description')}
      canonical="/public"
      noindex={Boolean(query.cursor)}
    >
      <h1>{t('library.title')}</h1>
      <p className="aoc-public__lead">{t('library.intro')}</p>
      <form className="aoc-public__search" method="get" action="/public" role="search">
        <input type="hidden" name="lang" value={lang} />
        <div className="cds--form-item aoc-public__query">
          <label htmlFor="q" className="cds--label">
            {t('library.searchLabel')}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            className="cds--text-input"
            defaultValue={query.q ?? ''}
            aria-describedby="q-hint"
          />
          <div id="q-hint" className="cds--form__helper-text">
            {t('library.searchHint')}
          </div>
        </div>
        <fieldset className="aoc-public__filters">
          <legend className="cds--label">{t('library.filters')}</legend>
          <Filter
            ctx={ctx}
            name="country"
            label={t('library.country')}
            value={query.country}
            options={facets.countries.map((c) => ({ value: c, label: countryName(lang, c) }))}
          />
          <Filter
            ctx={ctx}
            name="kind"
            label={t('library.kind')}
            value={query.kind}
            options={PLAN_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <Filter
            ctx={ctx}
            name="field"
            label={t('library.field')}
            value={query.field}
            options={FIELDS_OF_ACTION.map((f) => ({ value: f, label: t(`field.${f}`) }))}
          />
          <Filter
            ctx={ctx}
            name="topic"
            label={t('library.topic')}
            value={query.topic}
            options={facets.topics.map((topic) => ({ value: topic, label: topic }))}
          />
          <Filter
            ctx={ctx}
            name="year"
            label={t('library.year')}
            value={query.year}
            options={facets.years.map((y) => ({ value: String(y), label: String(y) }))}
          />
        </fieldset>
        <div className="aoc-public__actions">
          <button type="submit" className="cds--btn cds--btn--primary">
            {t('library.apply')}
          </button>
          {searching ? (
            <a className="cds--link" href={withLang('/public', lang)}>
              {t('library.clear')}
            </a>
          ) : null}
        </div>
      </form>

      <section aria-labelledby="results">
        <h2 id="results" className="aoc-public__count">
          {t('library.results', { count: page.items.length })}
        </h2>
        {page.items.length === 0 ? (
          <div className="aoc-public__empty">
            <p>{t('library.none')}</p>
            <p>{t('library.noneHint')}</p>
          </div>
        ) : (
          <ol className="aoc-public__results">
            {page.items.map((plan) => (
              <li key={plan.id} className="cds--tile aoc-public__result">
                <h3>
                  <a href={withLang(`/public/plans/${plan.id}`, lang)}>{plan.title}</a>
                </h3>
                <p className="aoc-public__meta">
                  <span className="cds--tag cds--tag--blue">{t(`kind.${plan.kind}`)}</span>
                  {plan.countries.map((c) => (
                    <span key={c} className="cds--tag cds--tag--gray">
                      {countryName(lang, c)}
                    </span>
                  ))}
                </p>
                <p className="aoc-public__summary">{plan.summary}</p>
                <p className="aoc-public__meta">
                  {t('library.endorsedOn', { date: formatDate(lang, plan.endorsedAt) })} ·{' '}
                  {t('library.version', { number: plan.versionNumber })}
                  {plan.fields.map((f) => (
                    <span key={f} className="cds--tag cds--tag--teal">
                      {t(`field.${f}`)}
                    </span>
                  ))}
                </p>
                {plan.recordId ? (
                  <p>
                    <a className="cds--link" href={withLang(`/public/records/${plan.recordId}`, lang)}>
                      {t('library.record')} {plan.recordId}
                    </a>
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        )}
        <nav className="aoc-public__pages" aria-label={t('library.next')}>
          {query.cursor ? <a href={pagePath()}>{t('library.first')}</a> : null}
          {page.next ? (
            <a rel="next" className="cds--btn cds--btn--tertiary" href={pagePath(page.next)}>
              {t('library.next')}
            </a>
          ) : null}
        </nav>
      </section>

      <section aria-labelledby="open" className="aoc-public__open">
        <h2 id="open">{t('library.openTitle')}</h2>
        <p>{t('library.openIntro')}</p>
        {open.length === 0 ? (
          <p>{t('library.openNone')}</p>
        ) : (
          <ul className="aoc-public__results">
            {open.map((plan) => (
              <li key={plan.id} className="cds--tile aoc-public__result">
                <h3>
                  <a href={withLang(`/public/plans/${plan.id}`, lang)}>{plan.title}</a>
                </h3>
                <p className="aoc-public__meta">
                  <span className="cds--tag cds--tag--purple">
                    {t('library.closesOn', { date: formatDate(lang, plan.closesAt) })}
                  </span>
                  <span className="cds--tag cds--tag--blue">{t(`kind.${plan.kind}`)}</span>
                  {plan.countries.map((c) => (
                    <span key={c} className="cds--tag cds--tag--gray">
                      {countryName(lang, c)}
                    </span>
                  ))}
                </p>
                <p className="aoc-public__summary">{plan.summary}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}
