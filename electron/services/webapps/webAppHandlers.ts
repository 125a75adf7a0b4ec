import type { Handlers } from '../../../shared/contract/dispatcher';
import { summarize } from '../../../shared/jobs/jobRecord';
import { openWebApp, startWebApp, type WebAppDeps } from './webApps';

/** The two web app methods; the forward an open makes belongs to the calling window. */
export function createWebAppHandlers(deps: WebAppDeps, ownerOf: (caller: Parameters<Handlers['forwards.list']>[1]['caller']) => string): Pick<Handlers, 'webApps.start' | 'webApps.open'> {
  return {
    'webApps.start': async (params) => summarize(await startWebApp(deps, params)),
    'webApps.open': async (params, context) => {
      const opened = await openWebApp(deps, ownerOf(context.caller), params.id, { signal: context.signal });
      return { forward: opened.forward, url: `http://127.0.0.1:${opened.forward.localPort}/`, token: opened.token };
    },
  };
}
