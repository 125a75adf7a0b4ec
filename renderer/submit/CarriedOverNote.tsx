import { Button } from 'react-aria-components';
import { useSubmitFormStore } from './submitFormStore';

/** Environment and uploads of a job submitted again have no editor here: say they go along, and allow dropping them. */
export function CarriedOverNote() {
  const environment = useSubmitFormStore((state) => state.fields.environment);
  // Files picked in this form are shown by the upload section; only an earlier job's are "carried over".
  const upload = useSubmitFormStore((state) => (state.shipped ? null : state.fields.upload));
  const clear = useSubmitFormStore((state) => state.clearCarriedOver);
  const names = Object.keys(environment);
  if (names.length === 0 && upload === null) return null;
  const parts = [
    ...(names.length > 0 ? [`environment ${names.join(', ')}`] : []),
    ...(upload ? [`files from ${upload.root}`] : []),
  ];
  return (
    <div className="banner" data-level="info" data-testid="carried-over">
      <div className="banner-body">
        <p>Also sent, as in the earlier job: {parts.join('; ')}.</p>
      </div>
      <Button className="button button-small" onPress={clear}>
        Leave out
      </Button>
    </div>
  );
}
