import { ComboBox, FilterableMultiSelect } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import { countryName, useBodies, useCountries, useOrganizations, type Country } from '../api/registry';

/**
 * The plan editor's pickers (DOMAIN §12): a plan's countries, consultee bodies and partners are
 * chosen from the registry, never typed. Values are the registry's identifiers; a value the plan
 * holds that the registry no longer offers (retired) stays shown, as its identifier.
 */

interface Item {
  id: string;
  text: string;
}

const byText = (a: Item, b: Item) => a.text.localeCompare(b.text);

/** The items for `values` that the registry lacks, so that a kept (retired) value stays visible. */
const withKept = (items: Item[], values: string[]): Item[] => [
  ...items,
  ...values.filter((v) => !items.some((i) => i.id === v)).map((v) => ({ id: v, text: v })),
];

interface Common {
  id: string;
  label: string;
  helperText?: string;
  invalidText?: string;
}

function useCountryItems(): Item[] {
  const { i18n } = useTranslation();
  const countries = useCountries();
  return (countries.data ?? [])
    .map((c: Country) => ({ id: c.code, text: `${countryName(c, i18n.language)} (${c.code})` }))
    .sort(byText);
}

/** One country (a national plan's owner). */
export function CountryPicker({ value, onChange, ...p }: Common & { value: string; onChange: (code: string) => void }) {
  const { t } = useTranslation();
  const items = withKept(useCountryItems(), value ? [value] : []);
  return (
    <ComboBox
      id={p.id}
      titleText={p.label}
      helperText={p.helperText}
      placeholder={t('registry.pick.country')}
      items={items}
      itemToString={(i: Item | null) => i?.text ?? ''}
      selectedItem={items.find((i) => i.id === value) ?? null}
      onChange={({ selectedItem }: { selectedItem?: Item | null }) => onChange(selectedItem?.id ?? '')}
      shouldFilterItem={({ item, inputValue }: { item: Item; inputValue: string | null }) =>
        !inputValue || item.text.toLowerCase().includes(inputValue.toLowerCase())
      }
      invalid={Boolean(p.invalidText)}
      invalidText={p.invalidText}
    />
  );
}

function MultiPicker({
  items,
  values,
  onChange,
  placeholder,
  ...p
}: Common & { items: Item[]; values: string[]; onChange: (ids: string[]) => void; placeholder: string }) {
  const all = withKept(items, values);
  return (
    <FilterableMultiSelect<Item>
      id={p.id}
      titleText={p.label}
      helperText={p.helperText}
      placeholder={placeholder}
      items={all}
      itemToString={(i: Item | null) => i?.text ?? ''}
      selectedItems={all.filter((i) => values.includes(i.id))}
      onChange={({ selectedItems }: { selectedItems: Item[] | null }) =>
        onChange((selectedItems ?? []).map((i) => i.id))
      }
      invalid={Boolean(p.invalidText)}
      invalidText={p.invalidText}
      selectionFeedback="top-after-reopen"
    />
  );
}

/** Several countries (a regional strategy's participants). */
export function CountriesPicker(props: Common & { values: string[]; onChange: (codes: string[]) => void }) {
  const { t } = useTranslation();
  return <MultiPicker {...props} items={useCountryItems()} placeholder={t('registry.pick.countries')} />;
}

/** The consultee bodies of one country. */
export function BodiesPicker({
  country,
  ...props
}: Common & { country: string; values: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const bodies = useBodies(country);
  const items = (bodies.data ?? []).map((b) => ({ id: b.id, text: `${b.name} (${b.id})` })).sort(byText);
  return <MultiPicker {...props} items={items} placeholder={t('registry.pick.bodies')} />;
}

/** A plan's partner organizations. */
export function PartnersPicker(props: Common & { values: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const items = (organizations.data ?? []).map((o) => ({ id: o.id, text: o.name })).sort(byText);
  return <MultiPicker {...props} items={items} placeholder={t('registry.pick.partners')} />;
}
