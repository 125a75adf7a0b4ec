import { methods } from '../../shared/contract/methods';
import { detailsToFields, issuesToDetails } from './detailsToFields';

export type HostFieldName = 'host' | 'port' | 'fingerprint';
export type HostFieldErrors = Partial<Record<HostFieldName, string>>;

const fieldNames: HostFieldName[] = ['host', 'port', 'fingerprint'];

function portOf(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '') return 22;
  return /^\d{1,5}$/.test(trimmed) ? Number(trimmed) : null;
}

/** host:port for hostKeys.forget, checked with the contract's schema before anything is sent. */
export function checkForgetParams(host: string, port: string) {
  const portNumber = portOf(port);
  const parsed = methods['hostKeys.forget'].params.safeParse({ host: host.trim(), port: portNumber ?? -1 });
  const errors: HostFieldErrors = parsed.success ? {} : detailsToFields(issuesToDetails(parsed.error.issues), fieldNames);
  if (portNumber === null) errors.port = 'A port is a whole number from 1 to 65535';
  return parsed.success && portNumber !== null ? { ok: true as const, params: parsed.data } : { ok: false as const, errors };
}

/** host, port and a pasted fingerprint for hostKeys.trust, checked the same way. */
export function checkTrustParams(host: string, port: string, fingerprint: string) {
  const portNumber = portOf(port);
  const parsed = methods['hostKeys.trust'].params.safeParse({ host: host.trim(), port: portNumber ?? -1, fingerprint: fingerprint.trim() });
  const errors: HostFieldErrors = parsed.success ? {} : detailsToFields(issuesToDetails(parsed.error.issues), fieldNames);
  if (portNumber === null) errors.port = 'A port is a whole number from 1 to 65535';
  return parsed.success && portNumber !== null ? { ok: true as const, params: parsed.data } : { ok: false as const, errors };
}

export { fieldNames as hostFieldNames };
