import type { RecordVerification } from '@aoc/domain/publication.types';
import type { RecordView } from '../publication.service';
import { formatDateTime, Layout, withLang, type PageContext } from './layout';

/** GET /public/records/:id: what the record is, its PDF, and how to verify it. */
export function RecordPageView({ ctx, view }: { ctx: PageContext; view: RecordView }) {
  const { t, lang } = ctx;
  const { record } = view;
  return (
    <Layout
      ctx={ctx}
      title={t('record.title', { id: record.id })}
      description={t('record.description', { id: record.id, title: view.title })}
      canonical={`/public/records/${record.id}`}
    >
      <h1>{t('record.title', { id: record.id })}</h1>
      <p className="aoc-public__lead">{t('record.intro')}</p>
      <dl className="aoc-public__facts aoc-public__facts--record">
        <dt>{t('record.plan')}</dt>
        <dd>
          <a className="cds--link" href={withLang(`/public/plans/${record.planId}`, lang)}>
            {view.title}
          </a>
        </dd>
        <dt>{t('record.version')}</dt>
        <dd>{record.versionNumber}</dd>
        <dt>{t('record.hash')}</dt>
        <dd>
          <code>{record.versionHash}</code>
        </dd>
        <dt>{t('record.issuedAt')}</dt>
        <dd>{formatDateTime(lang, record.issuedAt)}</dd>
        <dt>{t('record.dataDigest')}</dt>
        <dd>
          <code>{record.dataSha256}</code>
        </dd>
        <dt>{t('record.signature')}</dt>
        <dd>
          <code className="aoc-public__wrap">{record.dataSignature}</code>
        </dd>
        <dt>{t('record.key')}</dt>
        <dd>
          <a href="/.well-known/record-keys.json">
            <code>{record.keyId}</code>
          </a>
        </dd>
      </dl>
      <p>
        <a
          className="cds--btn cds--btn--primary"
          href={`/public/records/${record.id}.pdf`}
          download={`${record.id}.pdf`}
        >
          {t('record.download')}
        </a>
      </p>
      <section className="cds--tile" aria-labelledby="verify">
        <h2 id="verify">{t('record.verifyTitle')}</h2>
        <p>{t('record.verifyText')}</p>
        <p>
          <a className="cds--link" href={withLang('/public/verify', lang)}>
            {t('record.verifyLink')}
          </a>
        </p>
      </section>
    </Layout>
  );
}

export type VerifyOutcome =
  { kind: 'verified'; result: RecordVerification } | { kind: 'problem'; message: string } | undefined;

/** GET and POST /public/verify: a PDF upload (a plain form, no script needed), or a record's id. */
export function VerifyPageView({ ctx, outcome }: { ctx: PageContext; outcome: VerifyOutcome }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('verify.title')} description={t('verify.description')} canonical="/public/verify">
      <h1>{t('verify.title')}</h1>
      <p className="aoc-public__lead">{t('verify.intro')}</p>
      {outcome?.kind === 'verified' && outcome.result.authentic ? (
        <div
          className="cds--inline-notification cds--inline-notification--success cds--inline-notification--low-contrast aoc-public__notice"
          role="status"
          data-verdict="authentic"
        >
          <p>
            <strong>{t('verify.authentic')}</strong>{' '}
            {t('verify.authenticText', {
              id: outcome.result.recordId,
              date: formatDateTime(lang, outcome.result.issuedAt),
            })}
          </p>
          <p>
            <a className="cds--link" href={withLang(`/public/records/${outcome.result.recordId}`, lang)}>
              {outcome.result.recordId}
            </a>
          </p>
        </div>
      ) : null}
      {outcome?.kind === 'verified' && !outcome.result.authentic ? (
        <div
          className="cds--inline-notification cds--inline-notification--error cds--inline-notification--low-contrast aoc-public__notice"
          role="alert"
          data-verdict="not-authentic"
        >
          <p>
            <strong>{t('verify.notAuthentic')}</strong>{' '}
            {t('verify.notAuthenticText', { reason: outcome.result.reason })}
          </p>
        </div>
      ) : null}
      {outcome?.kind === 'problem' ? (
        <div
          className="cds--inline-notification cds--inline-notification--warning cds--inline-notification--low-contrast aoc-public__notice"
          role="alert"
        >
          <p>{outcome.message}</p>
        </div>
      ) : null}
      <form
        className="aoc-public__verify"
        method="post"
        action={withLang('/public/verify', lang)}
        encType="multipart/form-data"
      >
        <div className="cds--form-item">
          <label htmlFor="file" className="cds--label">
            {t('verify.file')}
          </label>
          <input
            id="file"
            name="file"
            type="file"
            accept="application/pdf,.pdf"
            required
            aria-describedby="file-hint"
          />
          <div id="file-hint" className="cds--form__helper-text">
            {t('verify.fileHint')}
          </div>
        </div>
        <button type="submit" className="cds--btn cds--btn--primary">
          {t('verify.submit')}
        </button>
      </form>
      <h2>{t('verify.byId')}</h2>
      <form className="aoc-public__verify" method="get" action="/public/verify">
        <input type="hidden" name="lang" value={lang} />
        <div className="cds--form-item">
          <label htmlFor="record" className="cds--label">
            {t('verify.id')}
          </label>
          <input
            id="record"
            name="record"
            type="text"
            className="cds--text-input"
            aria-describedby="record-hint"
            autoComplete="off"
          />
          <div id="record-hint" className="cds--form__helper-text">
            {t('verify.idHint')}
          </div>
        </div>
        <button type="submit" className="cds--btn cds--btn--secondary">
          {t('verify.find')}
        </button>
      </form>
    </Layout>
  );
}

/** Anything the library doesn't show: a 404 page that says what the library holds. */
export function NotFoundPageView({ ctx }: { ctx: PageContext }) {
  const { t, lang } = ctx;
  return (
    <Layout ctx={ctx} title={t('notFound.title')} description={t('notFound.text')} canonical="/public" noindex>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p>
        <a className="cds--link" href={withLang('/public', lang)}>
          {t('notFound.back')}
        </a>
      </p>
    </Layout>
  );
}
