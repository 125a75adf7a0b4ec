/**
 * xterm.js writes its sizing and theme rules into <style> elements, which our CSP (style-src
 * 'self', no 'unsafe-inline') refuses — and reports as a violation. While xterm opens (when it
 * makes those elements), `document.createElement('style')` hands it an inert <template> instead:
 * xterm only ever sets its text. The rules are copied into a constructed style sheet (not an
 * inline style, so the policy allows it), and again whenever xterm rewrites them (a resize, a
 * theme change): the terminal lays out as xterm intends without loosening the policy.
 */
export function openWithMirroredStyles(open: (parent: HTMLElement) => void, parent: HTMLElement): () => void {
  const create = document.createElement;
  document.createElement = ((tagName: string, options?: ElementCreationOptions) => {
    if (tagName.toLowerCase() !== 'style') return create.call(document, tagName, options);
    const inert = create.call(document, 'template');
    inert.dataset.xtermStyle = '';
    return inert;
  }) as typeof document.createElement;
  try {
    open(parent);
  } finally {
    document.createElement = create;
  }
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const copy = () => sheet.replaceSync([...parent.querySelectorAll('template[data-xterm-style]')].map((style) => style.textContent).join('\n'));
  const observer = new MutationObserver(copy);
  observer.observe(parent, { subtree: true, childList: true, characterData: true });
  copy();
  return () => {
    observer.disconnect();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  };
}
