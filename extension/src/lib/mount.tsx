import { type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { EnvironmentContext } from '../hooks/EnvironmentContext';
import type { Environment } from './environment';

/** Renders a page's root component with the environment its entry point chose. */
export function mount(environment: Environment, page: ReactNode): void {
  const container = document.getElementById('root');
  if (container === null) throw new Error('The page has no #root element.');
  createRoot(container).render(
    <StrictMode>
      <EnvironmentContext.Provider value={environment}>{page}</EnvironmentContext.Provider>
    </StrictMode>,
  );
}
