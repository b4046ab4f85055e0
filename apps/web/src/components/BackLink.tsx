import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

/** The way back to the page this one was opened from, above its heading. */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <p>
      <RouterLink to={to}>{children}</RouterLink>
    </p>
  );
}
