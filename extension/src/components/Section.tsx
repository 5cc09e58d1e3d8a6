import type { ReactNode } from 'react';

export interface SectionProps {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled card on the options page. */
export function Section({ id, title, description, actions, children }: SectionProps) {
  return (
    <section className="card" aria-labelledby={`${id}-heading`} id={id}>
      <div className="card__header">
        <div>
          <h2 className="card__title" id={`${id}-heading`}>
            {title}
          </h2>
          {description !== undefined && <p className="card__description">{description}</p>}
        </div>
        {actions}
      </div>
      {children}
    </section>
  );
}
