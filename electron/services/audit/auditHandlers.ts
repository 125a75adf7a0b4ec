import type { Handlers } from '../../../shared/contract/dispatcher';
import { AppError } from '../../../shared/errors';
import { readAuditLog } from './readAuditLog';

/** audit.list reads the same file the services append to. */
export function createAuditHandlers(auditLogPath: string): Pick<Handlers, 'audit.list'> {
  return {
    'audit.list': async (query) => {
      try {
        return await readAuditLog(auditLogPath, query);
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
        throw new AppError('audit-unreadable', `The audit log ${auditLogPath} could not be read (${reason}); check its permissions.`);
      }
    },
  };
}
