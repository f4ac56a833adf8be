/**
 * The message's MIME structure, read by the one MIME layer (src/mime, the same reader `bounce` uses): the body parts
 * the content checks look at, and the original message a bounce quotes. The diagnostic header reader (headers.ts)
 * reads only the top-level block, where line numbers and problems matter; parts are read by src/mime.
 */
import { decodeCharset, decodeTransfer, header, parseMime, toByteString, walkParts, type MimePart } from '../mime/parse.js';
import { headerFirst, type HeaderField } from '../mime/header-fields.js';

export type { MimePart } from '../mime/parse.js';

/** The top-level fields that shape the body's MIME structure (the others are not MIME's business). */
const MIME_FIELDS = ['Content-Type', 'Content-Transfer-Encoding', 'Content-Disposition'];
/** A header value longer than this is not a real MIME field; cut so one field cannot make the walk costly. */
const MAX_MIME_VALUE = 2000;

/**
 * Every part of the body, depth first, the root first, at most `maxParts` (the layer itself bounds depth and part
 * count). The returned original inside a message/rfc822 part is one leaf: its own parts are the quoted message's.
 */
export function bodyParts(fields: readonly HeaderField[], body: string, maxParts = 200): MimePart[] {
  let head = '';
  for (const name of MIME_FIELDS) {
    const v = headerFirst(fields, name)?.value;
    if (v) head += `${name}: ${v.slice(0, MAX_MIME_VALUE)}\r\n`;
  }
  // An empty line first when there is no MIME field: the layer reads "no headers" and the body as it is.
  const root = parseMime(toByteString(`${head}\r\n${body}`));
  const out: MimePart[] = [];
  for (const p of walkParts(root)) {
    if (p.parent === 'message') continue;
    out.push(p);
    if (out.length >= maxParts) break;
  }
  return out;
}

const QUOTED_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/rfc822-headers', 'message/global', 'message/global-headers']);

/**
 * The original message (or its headers) that a bounce quotes in a message/rfc822 or text/rfc822-headers part;
 * undefined when the message quotes none.
 */
export function extractQuotedMessage(fields: readonly HeaderField[], body: string): string | undefined {
  for (const p of bodyParts(fields, body)) {
    if (p.depth === 0 || !QUOTED_TYPES.has(p.contentType)) continue;
    // A message/rfc822 part the layer opened (it holds the original as a child) is already undone from base64/QP.
    const bytes = p.parts.length > 0
      ? p.rawBody
      : decodeTransfer(p.rawBody, (header(p.headers, 'content-transfer-encoding') ?? '').trim().toLowerCase());
    return decodeCharset(bytes, 'utf-8');
  }
  return undefined;
}
