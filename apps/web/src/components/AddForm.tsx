import { Button, Form } from '@carbon/react';
import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { ErrorNotice } from './ErrorNotice';

/**
 * A form that adds an entry to the list above it: its fields and button in a row, then an error
 * that no field shows (a 400's messages stand at their fields) and what the addition gave back.
 */
export function AddForm<R>({
  labelledBy,
  action,
  mutation: { mutate, error },
  onAdded,
  result,
  children,
}: {
  labelledBy: string;
  /** The button's text. */
  action: string;
  /** The addition: its call, and its error once it failed. */
  mutation: { mutate: (vars: undefined, options: { onSuccess: (added: R) => void }) => void; error: unknown };
  onAdded: (added: R) => void;
  result?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Form
      noValidate
      aria-labelledby={labelledBy}
      onSubmit={(e) => {
        e.preventDefault();
        mutate(undefined, { onSuccess: onAdded });
      }}
    >
      <div className="aoc-row">
        {children}
        <Button type="submit" size="md">
          {action}
        </Button>
      </div>
      {error && !isApiError(error, 400) ? <ErrorNotice error={error} /> : null}
      {result}
    </Form>
  );
}
