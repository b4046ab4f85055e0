import type { ReactNode } from 'react';

/** A part of a page under its own heading, which names it for assistive technology. */
export function Section({ id, title, children }: { id: string; title: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="aoc-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
