import i18next, { type TFunction } from 'i18next';
import en from './i18n/en.json';
import fr from './i18n/fr.json';

/**
 * The public library's languages and catalogues (DOMAIN §11: the six UN languages drop in here,
 * one catalogue each). A page's language is its `?lang=`, else the reader's Accept-Language,
 * else English.
 */
export const PUBLIC_LANGUAGES = ['en', 'fr'] as const;
export type PublicLanguage = (typeof PUBLIC_LANGUAGES)[number];

export const PUBLIC_CATALOGUES = { en, fr } satisfies Record<PublicLanguage, unknown>;

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(PUBLIC_LANGUAGES.map((lng) => [lng, { translation: PUBLIC_CATALOGUES[lng] }])),
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...PUBLIC_LANGUAGES],
  initAsync: false,
  // React escapes what the pages render.
  interpolation: { escapeValue: false },
});

export const translatorFor = (language: PublicLanguage): TFunction => i18n.getFixedT(language);

export const isPublicLanguage = (value: unknown): value is PublicLanguage =>
  (PUBLIC_LANGUAGES as readonly unknown[]).includes(value);

/** Right-to-left languages mirror their pages (Arabic, once its catalogue is here). */
export const directionOf = (language: string): 'ltr' | 'rtl' => (language === 'ar' ? 'rtl' : 'ltr');
