import { useEffect, useRef } from 'react';
import { submitRequestedEvent } from '../app/useMenuCommands';

/** Ctrl/Cmd+Enter anywhere in the submit view, and the menu's Submit Job, submit the form (`submit`: null while busy). */
export function useSubmitShortcut(submit: (() => void) | null) {
  const latest = useRef(submit);
  useEffect(() => {
    latest.current = submit;
  });
  useEffect(() => {
    const onRequest = () => latest.current?.();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey)) return;
      if (!(event.target instanceof Element) || !event.target.closest('.submit-view')) return;
      event.preventDefault();
      latest.current?.();
    };
    window.addEventListener(submitRequestedEvent, onRequest);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener(submitRequestedEvent, onRequest);
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
