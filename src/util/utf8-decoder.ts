// Streaming UTF-8 decoding that says what it repaired: invalid byte sequences become U+FFFD and are
// counted. A U+FFFD that the input really holds (the valid bytes EF BF BD) is text, not a repair.

const REAL_FFFD = Buffer.from([0xef, 0xbf, 0xbd]);

function countOf(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

function bytesCountOf(haystack: Buffer, needle: Buffer): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) n++;
  return n;
}

export class Utf8Decoder {
  /** Characters that decoding had to replace so far. */
  replaced = 0;
  // A leading byte order mark is dropped, as every reader of these files expects.
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  // The last two bytes of the previous chunk: a real EF BF BD may straddle two chunks.
  private tail: Buffer = Buffer.alloc(0);

  decode(chunk: Uint8Array): string {
    const bytes = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const text = this.decoder.decode(bytes, { stream: true });
    this.count(text, this.tail.length ? Buffer.concat([this.tail, bytes]) : bytes);
    this.tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2)));
    return text;
  }

  /** The rest, once the input has ended (a sequence cut off at the end is one more replacement). */
  end(): string {
    const text = this.decoder.decode();
    this.count(text, Buffer.alloc(0));
    return text;
  }

  private count(text: string, bytes: Buffer): void {
    if (text.indexOf('\uFFFD') === -1) return;
    this.replaced += countOf(text, '\uFFFD') - bytesCountOf(bytes, REAL_FFFD);
  }
}

/** Decodes a stream of byte chunks into text chunks, counting repairs in `decoder`. */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array>, decoder: Utf8Decoder): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    const text = decoder.decode(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}
