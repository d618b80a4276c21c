import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

interface Placed {
  text: string;
  x: number;
  y: number;
}

/**
 * The PDF's text as a reader would copy it, read in-process with pdf.js: one line per baseline,
 * cells left to right, two spaces between cells, pages in order. No system tool needed.
 */
export async function pdfText(pdf: Buffer | Uint8Array): Promise<string> {
  const document = await getDocument({
    data: new Uint8Array(pdf),
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  const lines: string[] = [];
  try {
    for (let number = 1; number <= document.numPages; number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const placed: Placed[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str === '') continue;
        placed.push({
          text: item.str,
          x: item.transform[4] as number,
          y: item.transform[5] as number,
        });
      }
      const byBaseline = new Map<number, Placed[]>();
      for (const item of placed) {
        const y = Math.round(item.y);
        byBaseline.set(y, [...(byBaseline.get(y) ?? []), item]);
      }
      for (const y of [...byBaseline.keys()].sort((a, b) => b - a)) {
        const cells = (byBaseline.get(y) ?? []).sort((a, b) => a.x - b.x);
        lines.push(cells.map((cell) => cell.text).join('  '));
      }
    }
  } finally {
    await document.destroy();
  }
  return lines.join('\n');
}
