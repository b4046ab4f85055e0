import { getAlpha2Codes } from 'i18n-iso-countries';

/**
 * The ISO 3166-1 alpha-2 codes, from the maintained `i18n-iso-countries` package (its names are
 * not used: they come from the runtime's ICU data, `Intl.DisplayNames`, in the six UN languages).
 * Kosovo's user-assigned `XK`, which the United Nations and the South-Eastern Europe strategy use,
 * is added to the standard's list.
 */
export const ISO_3166_ALPHA2: readonly string[] = [...new Set([...Object.keys(getAlpha2Codes()), 'XK'])].sort();
