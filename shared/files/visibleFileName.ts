import { visibleText } from '../security/visibleText';

/**
 * A file name (or a path) as a person should see it: on one line, every character that would hide
 * itself or disguise the rest shown as an escape (`\n`, `\u{202E}`). Files come from the cluster,
 * so their names are chosen by whoever wrote them.
 */
export function visibleFileName(name: string): string {
  return visibleText(name);
}
