/** A UTF-16 surrogate without its partner: not a character, and not encodable as UTF-8. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text is well-formed Unicode (what String.prototype.isWellFormed checks). */
export function isWellFormed(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

export const WELL_FORMED_MESSAGE = 'must be valid Unicode text (it holds an unpaired surrogate)';

/**
 * Text as search compares it: compatibility-decomposed, accents and other combining marks
 * dropped, case folded over all of Unicode (`BÄCKEREI`, `Bäckerei` and `backerei` are one;
 * `Straße` matches `STRASSE`). Titles and descriptions are stored folded beside the original.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toUpperCase()
    .toLowerCase();
}

/** What a search matches for a transaction: its title and description, folded. */
export function searchTextOf(title: string, description: string | null): string {
  return foldForSearch(description ? `${title}\n${description}` : title);
}
