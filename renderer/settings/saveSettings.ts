import type { ContractClient } from '../../shared/contract/client';
import { methods } from '../../shared/contract/methods';
import { AppError, type ErrorDetail } from '../../shared/errors';
import type { AppSettingsPatch } from '../../shared/settings/appSettings';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import { issuesToDetails } from './detailsToFields';
import { useSettingsStore } from './settingsStore';

export type SaveOutcome = { ok: true } | { ok: false; message: string; details: ErrorDetail[] };

/** What the contract's schema finds wrong with a patch, in words, without sending anything. */
export function checkSettingsPatch(patch: AppSettingsPatch): ErrorDetail[] {
  const checked = methods['settings.set'].params.safeParse(patch);
  return checked.success ? [] : issuesToDetails(checked.error.issues);
}

/**
 * Checks the patch with the contract's own schema first, so bad input is caught before anything
 * is sent, with the same messages main would give; then settings.set, whose details are shown too.
 */
export async function saveSettings(client: ContractClient, patch: AppSettingsPatch): Promise<SaveOutcome> {
  const checked = methods['settings.set'].params.safeParse(patch);
  if (!checked.success) return { ok: false, message: 'Fix the highlighted fields: nothing was saved.', details: issuesToDetails(checked.error.issues) };
  try {
    useSettingsStore.getState().saved(await client.call('settings.set', checked.data));
    return { ok: true };
  } catch (error) {
    reportIfDisconnected(error);
    if (error instanceof AppError && error.details && error.details.length > 0) {
      return { ok: false, message: 'Fix the highlighted fields: nothing was saved.', details: error.details };
    }
    return { ok: false, message: error instanceof Error ? error.message : 'The settings could not be saved.', details: [] };
  }
}
