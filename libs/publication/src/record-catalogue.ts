import en from './i18n/en.json';
import fr from './i18n/fr.json';

/** The languages a record's PDF can be issued in so far (DOMAIN §11 names six; ar, zh, ru, es follow). */
export const RECORD_LANGUAGES = ['en', 'fr'] as const;
export type RecordLanguage = (typeof RECORD_LANGUAGES)[number];

export type CatalogueKey = keyof typeof en;
export type Catalogue = Record<CatalogueKey, string>;

/** Every catalogue has the English one's keys: a missing sentence is a type error here. */
export const CATALOGUES: Record<RecordLanguage, Catalogue> = { en, fr };

/** A translator for one language: whole sentences, with `{{name}}` placeholders filled in. */
export function translator(
  language: RecordLanguage,
): (key: CatalogueKey, values?: Record<string, string | number>) => string {
  const catalogue = CATALOGUES[language];
  return (key, values = {}) =>
    catalogue[key].replace(/\{\{(\w+)\}\}/g, (placeholder, name: string) =>
      name in values ? String(values[name]) : placeholder,
    );
}

/** Dates as the language writes them ("7 December 2025", "7 décembre 2025"), in UTC as issued. */
export function dateFormatter(language: RecordLanguage): (iso: string) => string {
  const format = new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' });
  return (iso) => {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}
