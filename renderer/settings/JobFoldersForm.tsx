import { useState } from 'react';
import { Button, Form } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { type AppSettings, formatFileMode } from '../../shared/settings/appSettings';
import { FormTextField } from '../submit/FormTextField';
import { detailsToFields } from './detailsToFields';
import { fileModeFormatError, parseFileModeText } from './fileModeText';
import { checkSettingsPatch, saveSettings } from './saveSettings';

const fieldNames = ['jobBaseDir', 'folderMode', 'scriptMode'] as const;
type FieldName = (typeof fieldNames)[number];
type Texts = Record<FieldName, string>;

function textsOf(settings: AppSettings): Texts {
  return { jobBaseDir: settings.jobBaseDir, folderMode: formatFileMode(settings.folderMode), scriptMode: formatFileMode(settings.scriptMode) };
}

/**
 * Where job folders go and their permissions; one Save, and nothing is saved while a field is
 * wrong. The fields start from the settings when the view opens and then belong to the person.
 */
export function JobFoldersForm({ client, settings }: { client: ContractClient; settings: AppSettings }) {
  const [texts, setTexts] = useState<Texts>(() => textsOf(settings));
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [status, setStatus] = useState<{ kind: 'saved' | 'problem'; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const bind = (name: FieldName) => ({
    value: texts[name],
    onChange: (value: string) => {
      setTexts((current) => ({ ...current, [name]: value }));
      // The field's own message goes once it is edited; the others stay until theirs are.
      setErrors(({ [name]: _edited, ...others }) => others);
      setStatus(null);
    },
    error: errors[name],
    testId: `settings-field-${name}`,
  });

  async function save() {
    const folderMode = parseFileModeText(texts.folderMode);
    const scriptMode = parseFileModeText(texts.scriptMode);
    const formatErrors: Partial<Record<FieldName, string>> = {};
    if (folderMode === null) formatErrors.folderMode = fileModeFormatError;
    if (scriptMode === null) formatErrors.scriptMode = fileModeFormatError;
    if (folderMode === null || scriptMode === null) {
      // Every field at once: the folder is checked too, not only after the permissions are right.
      const folder = checkSettingsPatch({ jobBaseDir: texts.jobBaseDir.trim() });
      setErrors({ ...detailsToFields(folder, fieldNames), ...formatErrors });
      setStatus({ kind: 'problem', message: 'Fix the highlighted fields: nothing was saved.' });
      return;
    }
    setBusy(true);
    const outcome = await saveSettings(client, { jobBaseDir: texts.jobBaseDir.trim(), folderMode, scriptMode });
    setBusy(false);
    if (outcome.ok) {
      setErrors({});
      setStatus({ kind: 'saved', message: 'Saved. New jobs use these settings.' });
    } else {
      setErrors(detailsToFields(outcome.details, fieldNames));
      setStatus({ kind: 'problem', message: outcome.message });
    }
  }

  return (
    <Form
      className="settings-form"
      validationBehavior="aria"
      aria-labelledby="settings-job-folders-title"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="job-folders-form"
    >
      <FormTextField
        label="Job base folder"
        description="On every cluster, job folders go here. ~/ is your home on that cluster."
        placeholder="~/slurm_jobs"
        mono
        {...bind('jobBaseDir')}
      />
      <div className="settings-form-row">
        <FormTextField label="Folder permissions" description="Octal, as chmod takes it. 700: only you." mono {...bind('folderMode')} />
        <FormTextField label="Script permissions" description="Octal. 750: you run it, your group may read it." mono {...bind('scriptMode')} />
      </div>
      <div className="form-actions settings-form-actions">
        {status && (
          <p className={status.kind === 'saved' ? 'settings-status' : 'form-error'} role={status.kind === 'saved' ? 'status' : 'alert'} data-testid="job-folders-status">
            {status.message}
          </p>
        )}
        <Button type="submit" className="button button-primary" isDisabled={busy} data-testid="save-job-folders">
          {busy ? 'Saving…' : 'Save'}
        </Button>
      </div>
    </Form>
  );
}
