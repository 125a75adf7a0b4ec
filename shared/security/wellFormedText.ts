/**
 * A string with a lone UTF-16 surrogate (JSON can carry one as "\ud800") has no UTF-8 spelling:
 * written to a file or an argv it silently becomes U+FFFD, so the job would get a value the person
 * never sent. Such text is refused instead.
 */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}
