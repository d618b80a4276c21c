/** A UTF-16 surrogate without its partner: not a character, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text is well-formed Unicode (what String.prototype.isWellFormed checks). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

export const WELL_FORMED_MESSAGE = 'must be valid Unicode text (it holds an unpaired surrogate)';
