import { Button, Input, Label, SearchField } from 'react-aria-components';
import type { RefObject } from 'react';

type LogSearchFieldProps = {
  query: string;
  onQuery: (query: string) => void;
  count: number;
  current: number;
  truncated: boolean;
  onStep: (step: 1 | -1) => void;
  inputRef: RefObject<HTMLInputElement | null>;
  stream: string;
};

/** Search in the loaded text: Enter for the next match, Shift+Enter for the previous one. */
export function LogSearchField({ query, onQuery, count, current, truncated, onStep, inputRef, stream }: LogSearchFieldProps) {
  const status = query === '' ? '' : count === 0 ? 'No matches' : `${current + 1} of ${count}${truncated ? '+' : ''}`;
  return (
    <div className="log-search">
      <SearchField
        className="log-search-field"
        value={query}
        onChange={onQuery}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onStep(event.shiftKey ? -1 : 1);
          else event.continuePropagation();
        }}
        data-testid={`log-${stream}-search`}
      >
        <Label className="visually-hidden">Search in {stream}</Label>
        <Input ref={inputRef} className="form-input log-search-input" placeholder="Search loaded text" />
      </SearchField>
      <span className="log-search-status" role="status" data-testid={`log-${stream}-matches`}>
        {status}
      </span>
      <Button className="button button-small" aria-label="Previous match" isDisabled={count === 0} onPress={() => onStep(-1)}>
        ↑
      </Button>
      <Button className="button button-small" aria-label="Next match" isDisabled={count === 0} onPress={() => onStep(1)}>
        ↓
      </Button>
    </div>
  );
}
