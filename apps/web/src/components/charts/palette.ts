/**
 * Slice colours, shared by the doughnuts (in the lazy chart chunk) and the tables beside them (on
 * the page at once), so a row's swatch is its slice's colour. Colour is never the only cue: every
 * slice is named, with its amount and share, in its table row.
 */
export const PALETTE = [
  '#2f7de1',
  '#e8663d',
  '#2aa876',
  '#c44bc0',
  '#e0a100',
  '#6c5ce7',
  '#00a3b4',
  '#d9485f',
  '#7a8b1f',
  '#8d6e63',
] as const;

export function sliceColor(index: number): string {
  return PALETTE[index % PALETTE.length] ?? '#888888';
}
