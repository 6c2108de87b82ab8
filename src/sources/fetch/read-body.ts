/** Reading a response body under a size cap, then undoing its Content-Encoding (gzip, deflate, br) under the same cap. */
import { brotliDecompressSync, gunzipSync, inflateRawSync, inflateSync } from 'node:zlib';
import { SourceError } from '../errors.ts';

function tooLarge(url: string, maxBytes: number, what: string): SourceError {
  return new SourceError(
    'TF_ERR_FETCH_TOO_LARGE',
    `${url}: ${what} is larger than the ${maxBytes}-byte limit; point the source at a smaller page or raise its max_bytes`,
  );
}

/** Collects at most `maxBytes` from the stream; stops reading and throws TF_ERR_FETCH_TOO_LARGE beyond that. */
export async function readCapped(
  body: AsyncIterable<Uint8Array> & { destroy?: (e?: Error) => void },
  maxBytes: number,
  url: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      body.destroy?.();
      throw tooLarge(url, maxBytes, 'the response');
    }
    chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/** "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw deflate: tell them apart by the header. */
function hasZlibHeader(b: Buffer): boolean {
  const b0 = b[0] ?? 0;
  const b1 = b[1] ?? 0;
  return (b0 & 0x0f) === 8 && ((b0 << 8) | b1) % 31 === 0;
}

/** Undoes each listed content coding in reverse order; refuses output beyond `maxBytes` (decompression bombs). */
export function decodeContent(raw: Buffer, contentEncoding: string | undefined, maxBytes: number, url: string): Buffer {
  if (!contentEncoding) return raw;
  const codings = contentEncoding
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity');
  let out = raw;
  try {
    for (const coding of codings.reverse()) {
      const opts = { maxOutputLength: maxBytes };
      if (coding === 'gzip' || coding === 'x-gzip') out = gunzipSync(out, opts);
      else if (coding === 'br') out = brotliDecompressSync(out, opts);
      else if (coding === 'deflate') out = hasZlibHeader(out) ? inflateSync(out, opts) : inflateRawSync(out, opts);
      else throw new SourceError('TF_ERR_FETCH_DECODE', `${url}: unsupported Content-Encoding "${coding}"`);
    }
  } catch (e) {
    if (e instanceof SourceError) throw e;
    if (e instanceof RangeError || (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw tooLarge(url, maxBytes, 'the decompressed response');
    throw new SourceError('TF_ERR_FETCH_DECODE', `${url}: the response body is not valid ${contentEncoding}`, {
      cause: e,
      retryable: true,
    });
  }
  return out;
}
