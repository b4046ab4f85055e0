import { StructuredListBody, StructuredListCell, StructuredListRow, StructuredListWrapper } from '@carbon/react';
import { useTranslation } from 'react-i18next';
import type { PlanContent } from '../api/client';
import { useOrganizations } from '../api/registry';
import { FIELDS } from './domain';

const list = (items: string[] | undefined) => (items && items.length > 0 ? items.join(', ') : '—');

/** A plan's content, field by field, as frozen in a version or kept in the draft. */
export function PlanContentView({ content }: { content: PlanContent }) {
  const { t } = useTranslation();
  // Partners are the registry's organizations (DOMAIN §12): shown by name where the registry has it.
  const organizations = useOrganizations();
  const nameOf = (id: string) => organizations.data?.find((o) => o.id === id)?.name ?? id;
  const countries: string[] =
    content.kind === 'national_plan' ? (content.country ? [content.country] : []) : (content.countries ?? []);
  const rows: [string, string][] = [
    [t('content.kind'), t(`kind.${content.kind}`)],
    [t('content.title'), content.title],
    [t('content.summary'), content.summary || '—'],
    [t('content.countries'), list(countries)],
    [
      t('content.consultees'),
      Object.entries(content.consultees ?? {})
        .map(([country, bodies]) => `${country}: ${bodies.join(', ')}`)
        .join('; ') || '—',
    ],
    [t('content.partners'), list(content.partners.map(nameOf))],
    [t('content.priorityTopics'), list(content.priorityTopics)],
  ];
  return (
    <div className="aoc-content-view">
      <StructuredListWrapper isCondensed aria-label={t('content.label')}>
        <StructuredListBody>
          {rows.map(([label, value]) => (
            <StructuredListRow key={label}>
              <StructuredListCell noWrap className="aoc-label">
                {label}
              </StructuredListCell>
              <StructuredListCell>{value}</StructuredListCell>
            </StructuredListRow>
          ))}
        </StructuredListBody>
      </StructuredListWrapper>
      {FIELDS.map((field) => {
        const section = content.fields?.[field];
        return (
          <section key={field} className="aoc-field" aria-labelledby={`field-${field}`}>
            <h3 id={`field-${field}`}>{t(`field.${field}`)}</h3>
            <h4>{t('content.objectives')}</h4>
            {section && section.objectives.length > 0 ? (
              <ul className="aoc-bullets">
                {section.objectives.map((o, i) => (
                  <li key={i}>{o}</li>
                ))}
              </ul>
            ) : (
              <p>—</p>
            )}
            <h4>{t('content.actions')}</h4>
            {section && section.actions.length > 0 ? (
              <ul className="aoc-bullets">
                {section.actions.map((a, i) => (
                  <li key={i}>
                    <strong>{a.title}</strong>
                    {a.lead ? ` — ${t('content.lead')}: ${a.lead}` : ''}
                    {a.timeline ? ` — ${a.timeline}` : ''}
                    {a.partners.length > 0 ? ` — ${t('content.partners')}: ${a.partners.join(', ')}` : ''}
                    {a.indicators.length > 0 ? ` — ${t('content.indicators')}: ${a.indicators.join(', ')}` : ''}
                  </li>
                ))}
              </ul>
            ) : (
              <p>—</p>
            )}
          </section>
        );
      })}
    </div>
  );
}
