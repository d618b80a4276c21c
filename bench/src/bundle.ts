import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleReport {
  /** JS the first screen loads: the entry script and its modulepreloads. */
  initial: Array<{ file: string; gzipBytes: number }>;
  initialGzipBytes: number;
  /** Every other JS chunk, loaded on demand. */
  lazy: Array<{ file: string; gzipBytes: number }>;
  css: Array<{ file: string; gzipBytes: number }>;
}

/** Gzipped sizes from a Vite production build, or null when there is no build. */
export function measureBundle(distDir: string): BundleReport | null {
  const indexHtml = join(distDir, 'index.html');
  const assets = join(distDir, 'assets');
  if (!existsSync(indexHtml) || !existsSync(assets)) return null;
  const html = readFileSync(indexHtml, 'utf8');
  const referenced = new Set(
    [...html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="\/?([^"]+\.js)"/g)].flatMap((match) =>
      match[1] ? [match[1]] : [],
    ),
  );
  const gzip = (file: string) => ({
    file,
    gzipBytes: gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length,
  });
  const files = readdirSync(assets).map((name) => `assets/${name}`);
  const initial = files.filter((file) => file.endsWith('.js') && referenced.has(file)).map(gzip);
  return {
    initial,
    initialGzipBytes: initial.reduce((sum, entry) => sum + entry.gzipBytes, 0),
    lazy: files.filter((file) => file.endsWith('.js') && !referenced.has(file)).map(gzip),
    css: files.filter((file) => file.endsWith('.css')).map(gzip),
  };
}
