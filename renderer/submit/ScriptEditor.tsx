import { useMemo } from 'react';
import { FieldError, Label, Text, TextArea, TextField } from 'react-aria-components';
import { bashTokens } from './bashTokens';

type ScriptEditorProps = {
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  description: string;
};

/**
 * A plain textarea over a coloured copy of the same text: typing, selection, undo and screen
 * readers all work on the real textarea, and the copy underneath only paints the colours. Both
 * share one grid cell, font and wrapping, so the copy sets the height and they never drift apart.
 */
export function ScriptEditor({ value, onChange, error, description }: ScriptEditorProps) {
  const tokens = useMemo(() => bashTokens(value), [value]);
  return (
    <TextField className="form-field" value={value} onChange={onChange} isInvalid={error !== undefined} data-testid="field-body">
      <Label className="form-label">Script</Label>
      <div className="script-editor" data-invalid={error !== undefined || undefined}>
        <pre className="script-editor-layer script-editor-colours" aria-hidden="true" data-testid="script-highlight">
          {tokens.map((token, index) =>
            token.kind === 'text' ? (
              token.text
            ) : (
              <span key={index} className={`bash-${token.kind}`}>
                {token.text}
              </span>
            ),
          )}
          {/* A trailing newline in a <pre> adds no line; this keeps the last empty line's height. */}
          {'\n'}
        </pre>
        <TextArea className="script-editor-layer script-editor-input" spellCheck={false} placeholder={'echo "hello from $(hostname)"'} wrap="soft" />
      </div>
      <Text slot="description" className="form-hint">
        {description}
      </Text>
      <FieldError className="form-error" data-testid="field-body-error">
        {error}
      </FieldError>
    </TextField>
  );
}
