import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { AddForm } from '../../components/AddForm';
import { Loaded } from '../../components/ErrorNotice';
import { invalidWith } from '../../components/form';
import { Section } from '../../components/Section';
import { TextInput } from '../../components/TextInput';

/** The Group of Friends' seats, and a form to add one. */
export function SeatsPanel() {
  const { t } = useTranslation();
  const seats = useQuery({ queryKey: ['admin', 'seats'], queryFn: () => data(api.GET('/api/gof-seats')) });
  const [seat, setSeat] = useState('');
  const [name, setName] = useState('');
  const add = useRefreshingMutation(() => data(api.POST('/api/gof-seats', { body: { seat, name } })));
  const fieldError = (f: string) => (isApiError(add.error, 400) ? add.error.fieldMessage(f) : undefined);
  return (
    <Section id="seats-title" title={t('admin.seats')}>
      <Loaded query={seats}>
        {(list) => (
          <ul className="aoc-bullets" data-testid="seats">
            {list.map((s) => (
              <li key={s.seat}>
                <strong>{s.seat}</strong> — {s.name}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <AddForm
        labelledBy="seats-title"
        action={t('admin.addSeat')}
        mutation={add}
        onAdded={() => {
          setSeat('');
          setName('');
        }}
      >
        <TextInput
          id="seat-id"
          labelText={t('admin.seatId')}
          value={seat}
          {...invalidWith(fieldError('seat'))}
          onChange={(e) => setSeat(e.target.value)}
        />
        <TextInput
          id="seat-name"
          labelText={t('admin.seatName')}
          value={name}
          {...invalidWith(fieldError('name'))}
          onChange={(e) => setName(e.target.value)}
        />
      </AddForm>
    </Section>
  );
}
