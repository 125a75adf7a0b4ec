import type { Handlers } from '../../shared/contract/dispatcher';
import { createAppHandlers, type AppHandlerDeps } from './app/appHandlers';

export type ServiceDeps = AppHandlerDeps;

/** Every contract method's handler, wired to the services. Each feature adds its own group. */
export function createHandlers(deps: ServiceDeps): Handlers {
  return {
    ...createAppHandlers(deps),
  };
}
