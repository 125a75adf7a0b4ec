/**
 * xterm.js writes its sizing and theme rules into <style> elements, which our CSP (style-src
 * 'self', no 'unsafe-inline') refuses to apply. Constructed style sheets are not inline styles:
 * the same rules are copied into one, and copied again whenever xterm rewrites them (a resize, a
 * theme change), so the terminal lays out as xterm intends without loosening the policy.
 */
export function mirrorXtermStyles(container: HTMLElement): () => void {
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const copy = () => sheet.replaceSync([...container.querySelectorAll('style')].map((style) => style.textContent).join('\n'));
  const observer = new MutationObserver(copy);
  observer.observe(container, { subtree: true, childList: true, characterData: true });
  copy();
  return () => {
    observer.disconnect();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  };
}
