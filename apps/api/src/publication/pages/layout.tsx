import type { ReactNode } from 'react';
import type { TFunction } from 'i18next';
import { directionOf, PUBLIC_LANGUAGES, type PublicLanguage } from '../public-i18n';

/** What every public page knows about the request: its language, its address, the stylesheet. */
export interface PageContext {
  lang: PublicLanguage;
  t: TFunction;
  /** The service's public origin, for canonical and alternate links. */
  publicUrl: string;
  /** The page's path and query, without `lang`. */
  path: string;
  /** The public stylesheet's address (from the web app's build), if built. */
  stylesheet?: string;
}

/** `path` with `lang` set: the alternates of a page, and the language switch. */
export function withLang(path: string, lang: PublicLanguage): string {
  const url = new URL(path, 'http://x');
  url.searchParams.set('lang', lang);
  return `${url.pathname}${url.search}`;
}

const LANGUAGE_NAMES: Record<PublicLanguage, string> = { en: 'English', fr: 'Français' };

/**
 * The frame of every public page: one title and description, `lang` and `dir`, the canonical
 * address and each language's alternate, the feed; a header with the site's navigation and the
 * language switch (plain links, so it works without JavaScript); the main content; the open data.
 */
export function Layout(props: {
  ctx: PageContext;
  title: string;
  description: string;
  /** The canonical path (the library's filters and pages are not canonical). */
  canonical: string;
  children: ReactNode;
  noindex?: boolean;
}) {
  const { ctx, title, description, canonical, children } = props;
  const { t, lang } = ctx;
  return (
    <html lang={lang} dir={directionOf(lang)}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t('site.name')}`}</title>
        <meta name="description" content={description} />
        {props.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="canonical" href={`${ctx.publicUrl}${withLang(canonical, lang)}`} />
        {PUBLIC_LANGUAGES.map((l) => (
          <link key={l} rel="alternate" hrefLang={l} href={`${ctx.publicUrl}${withLang(canonical, l)}`} />
        ))}
        <link rel="alternate" hrefLang="x-default" href={`${ctx.publicUrl}${canonical}`} />
        <link rel="alternate" type="application/atom+xml" title={t('site.feed')} href="/public/feed.atom" />
        {ctx.stylesheet ? <link rel="stylesheet" href={ctx.stylesheet} /> : null}
      </head>
      <body className="aoc-public">
        <a className="aoc-public__skip" href="#main">
          {t('site.skip')}
        </a>
        <header className="aoc-public__header">
          <a className="aoc-public__brand" href={withLang('/public', lang)}>
            <span className="aoc-public__org">{t('site.org')}</span>
            <span className="aoc-public__site">{t('site.name')}</span>
          </a>
          <nav className="aoc-public__nav" aria-label={t('site.name')}>
            <a href={withLang('/public', lang)}>{t('site.nav.library')}</a>
            <a href={withLang('/public/verify', lang)}>{t('site.nav.verify')}</a>
            <a href="/auth/login?returnTo=%2F">{t('site.nav.signIn')}</a>
          </nav>
          <nav className="aoc-public__languages" aria-label={t('site.language')}>
            {PUBLIC_LANGUAGES.map((l) => (
              <a
                key={l}
                href={withLang(ctx.path, l)}
                hrefLang={l}
                lang={l}
                aria-current={l === lang ? 'true' : undefined}
              >
                {LANGUAGE_NAMES[l]}
              </a>
            ))}
          </nav>
        </header>
        <main id="main" className="aoc-public__main">
          {children}
        </main>
        <footer className="aoc-public__footer">
          <p>{t('site.footer')}</p>
          <p>
            <strong>{t('site.openData')}:</strong> <a href="/public/feed.atom">{t('site.feed')}</a> ·{' '}
            <a href="/api/public/plans">{t('site.json')}</a> · <a href="/api/public/plans.csv">{t('site.csv')}</a> ·{' '}
            <a href="/.well-known/record-keys.json">{t('site.keys')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** Intl's formatters cost far more to make than to use: one of each kind per language, kept. */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.DisplayNames>();
function kept<T extends Intl.DateTimeFormat | Intl.DisplayNames>(key: string, make: () => T): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) formatters.set(key, (formatter = make()));
  return formatter;
}

/** Dates in the page's language, in UTC (the record and the log are in UTC). */
export function formatDate(lang: PublicLanguage, value: string | Date): string {
  return kept(`date:${lang}`, () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' })).format(
    new Date(value),
  );
}

export function formatDateTime(lang: PublicLanguage, value: string | Date): string {
  return kept(
    `datetime:${lang}`,
    () => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }),
  ).format(new Date(value));
}

/** A country's name in the page's language (ISO 3166-1 alpha-2 in, its name out; the code if unknown). */
export function countryName(lang: PublicLanguage, code: string): string {
  try {
    return kept(`region:${lang}`, () => new Intl.DisplayNames([lang], { type: 'region' })).of(code) ?? code;
  } catch {
    return code;
  }
}
