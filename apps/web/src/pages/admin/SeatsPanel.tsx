import { Button, Form } from '@carbon/react';
import { TextInput } from '../../components/TextInput';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, data, isApiError } from '../../api/client';
import { useRefreshingMutation } from '../../api/queries';
import { ErrorNotice, Loading } from '../../components/ErrorNotice';

export function SeatsPanel() {
  const { t } = useTranslation();
  const seats = useQuery({ queryKey: ['admin', 'seats'], queryFn: () => data(api.GET('/api/gof-seats')) });
  const [seat, setSeat] = useState('');
  const [name, setName] = useState('');
  const add = useRefreshingMutation(() => data(api.POST('/api/gof-seats', { body: { seat, name } })));
  const fieldError = (f: string) => (isApiError(add.error, 400) ? add.error.fieldMessage(f) : undefined);
  return (
    <section aria-labelledby="seats-title" className="aoc-section">
      <h2 id="seats-title">{t('admin.seats')}</h2>
      {seats.isPending ? (
        <Loading />
      ) : seats.error ? (
        <ErrorNotice error={seats.error} />
      ) : (
        <ul className="aoc-bullets" data-testid="seats">
          {seats.data.map((s) => (
            <li key={s.seat}>
              <strong>{s.seat}</strong> — {s.name}
            </li>
          ))}
        </ul>
      )}
      <Form
        noValidate
        aria-labelledby="seats-title"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate(undefined, {
            onSuccess: () => {
              setSeat('');
              setName('');
            },
          });
        }}
      >
        <div className="aoc-row">
          <TextInput
            id="seat-id"
            labelText={t('admin.seatId')}
            value={seat}
            invalid={Boolean(fieldError('seat'))}
            invalidText={fieldError('seat')}
            onChange={(e) => setSeat(e.target.value)}
          />
          <TextInput
            id="seat-name"
            labelText={t('admin.seatName')}
            value={name}
            invalid={Boolean(fieldError('name'))}
            invalidText={fieldError('name')}
            onChange={(e) => setName(e.target.value)}
          />
          <Button type="submit" size="md">
            {t('admin.addSeat')}
          </Button>
        </div>
        {add.error && !isApiError(add.error, 400) && <ErrorNotice error={add.error} />}
      </Form>
    </section>
  );
}
