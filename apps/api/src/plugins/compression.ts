import fp from 'fastify-plugin';
import compress from '@fastify/compress';

/**
 * What is worth compressing: JSON and problem documents, CSV, HTML, CSS, JavaScript, SVG. Not
 * NDJSON or event streams (a compressor holds their lines back until its buffer fills, so import
 * progress would stop streaming), nor PDFs and images (already compressed).
 */
const COMPRESSIBLE =
  /^(?:application\/(?:json|problem\+json|javascript)|text\/(?:html|css|csv|javascript|plain)|image\/svg\+xml)(?:;|$)/;

/**
 * Response compression (brotli, else gzip) for answers over 1 KiB, on every route registered
 * after it. Static web files are compressed at build time and served as they are; here they only
 * pass through. A route whose answer reflects a secret (a new token) opts out with
 * `compress: false`, so its length cannot be probed for the secret (BREACH).
 */
export default fp(
  async (app) => {
    await app.register(compress, {
      encodings: ['br', 'gzip'],
      threshold: 1024,
      customTypes: COMPRESSIBLE,
      // Compressed request bodies are not accepted: one more way to send a bomb, no use here.
      globalDecompression: false,
    });
  },
  { name: 'compression' },
);
