import { useTranslation } from 'react-i18next';
import { BodiesPicker, CountriesPicker, CountryPicker, PartnersPicker } from '../../components/RegistryPickers';
import { countriesOf, split, type FormSectionProps } from './plan-form';

/**
 * Whom the plan concerns, each picked from the registry (DOMAIN §12): its country (or a regional
 * strategy's countries), the bodies consulted in each, and its partners.
 */
export function ScopeFields({ form, set, err, consulteesError }: FormSectionProps & { consulteesError?: string }) {
  const { t } = useTranslation();
  return (
    <>
      {form.kind === 'national_plan' ? (
        <CountryPicker
          id="country"
          label={t('editor.country')}
          helperText={t('editor.countryHelp')}
          value={form.country}
          invalidText={err('country')}
          onChange={(code) => set('country', code)}
        />
      ) : (
        <CountriesPicker
          id="countries"
          label={t('editor.countries')}
          helperText={t('editor.pickHelp')}
          values={split(form.countries)}
          invalidText={err('countries')}
          onChange={(codes) => set('countries', codes.join(', '))}
        />
      )}
      {countriesOf(form).map((c) => (
        <BodiesPicker
          key={c}
          id={`consultees-${c}`}
          country={c}
          label={t('editor.consulteesOf', { country: c })}
          helperText={t('editor.pickHelp')}
          values={split(form.consultees[c] ?? '')}
          invalidText={err(`consultees.${c}`) ?? consulteesError}
          onChange={(ids) => set('consultees', { ...form.consultees, [c]: ids.join(', ') })}
        />
      ))}
      <PartnersPicker
        id="partners"
        label={t('content.partners')}
        helperText={t('editor.pickHelp')}
        values={split(form.partners)}
        invalidText={err('partners')}
        onChange={(ids) => set('partners', ids.join(', '))}
      />
    </>
  );
}
