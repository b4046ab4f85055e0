import { CATALOGUES, dateFormatter, translator } from './record-catalogue';

const placeholders = (sentence: string) => [...sentence.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();

describe('the record catalogues', () => {
  const [reference, ...others] = Object.entries(CATALOGUES);

  it.each(others)('%s has the same keys as en, with the same placeholders', (_, catalogue) => {
    expect(Object.keys(catalogue).sort()).toEqual(Object.keys(reference[1]).sort());
    for (const [key, sentence] of Object.entries(reference[1])) {
      expect([key, placeholders(catalogue[key as keyof typeof catalogue])]).toEqual([key, placeholders(sentence)]);
    }
  });

  it('fills placeholders and writes dates the language’s way, in UTC', () => {
    expect(translator('fr')('footer.page', { page: 2, pages: 5 })).toBe('Page 2 sur 5');
    expect(dateFormatter('fr')('2025-04-20T23:30:00.000Z')).toBe('20 avril 2025');
    expect(dateFormatter('en')('2025-04-20T23:30:00.000Z')).toBe('April 20, 2025');
  });
});
