import { createContext, useContext } from 'react';
import type { Environment, ExtensionEnvironment } from '../lib/environment';

export const EnvironmentContext = createContext<Environment | null>(null);

/** The environment the entry point provided (extension or companion-served page). */
export function useEnvironment(): Environment {
  const environment = useContext(EnvironmentContext);
  if (environment === null) throw new Error('useEnvironment needs an <EnvironmentContext.Provider> from the entry point.');
  return environment;
}

/** For the options page, which only exists inside the extension. */
export function useExtensionEnvironment(): ExtensionEnvironment {
  const environment = useEnvironment();
  if (environment.mode !== 'extension') throw new Error('This part of the UI only works inside the extension.');
  return environment as ExtensionEnvironment;
}
