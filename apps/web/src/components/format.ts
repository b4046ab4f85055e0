import { useTranslation } from 'react-i18next';

const UNITS: [Intl.NumberFormatOptions['unit'], number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1_000],
];

/** Intl formatters are costly to build: one of each kind a language, kept (an inbox formats hundreds of values). */
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

/** Dates, durations and numbers in the user's language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? 'en';
  return {
    lng,
    dateTime: (iso: string | number | Date | null | undefined): string =>
      iso === null || iso === undefined || iso === ''
        ? '—'
        : cached(`date:${lng}`, () => new Intl.DateTimeFormat(lng, { dateStyle: 'medium', timeStyle: 'short' })).format(
            new Date(iso),
          ),
    number: (n: number): string => cached(`number:${lng}`, () => new Intl.NumberFormat(lng)).format(n),
    /** A duration in its largest whole unit and the next one: "2 days, 3 hours" / "2 jours, 3 heures". */
    duration: (ms: number): string => {
      const abs = Math.abs(ms);
      const parts: string[] = [];
      let rest = abs;
      for (const [unit, size] of UNITS) {
        const n = Math.floor(rest / size);
        if (n > 0 || (unit === 'second' && parts.length === 0)) {
          parts.push(
            cached(
              `unit:${lng}:${unit}`,
              () => new Intl.NumberFormat(lng, { style: 'unit', unit, unitDisplay: 'long' }),
            ).format(n),
          );
          rest -= n * size;
        }
        if (parts.length === 2) break;
        if (parts.length === 1 && n === 0) break;
      }
      return cached(`list:${lng}`, () => new Intl.ListFormat(lng, { style: 'narrow', type: 'unit' })).format(parts);
    },
  };
}

/** A short form of a SHA-256 hash, with the whole in a title. */
export const shortHash = (hash: string): string => hash.slice(0, 12);
