/** A bounded MIME walk (depth ≤ 6, ≤ 200 parts), and the original message quoted inside a bounce. */
import { contentParam, decodeCharset, decodeTransfer } from '../mime/parse.js';
import { headerFirst, parseHeaderBlock, type HeaderField } from './headers.js';

export interface MimePart {
  fields: readonly HeaderField[];
  body: string;
  type: string;
  depth: number;
}

/** The value of a Content-Type / Content-Disposition parameter (the one MIME layer's reader, src/mime). */
export const mimeParam = contentParam;

/** Visit every leaf and container part; `visit` returns false to stop. */
export function walkMime(fields: readonly HeaderField[], body: string, visit: (p: MimePart) => boolean | void, maxParts = 200): void {
  let count = 0;
  let stop = false;
  const walk = (hdrs: readonly HeaderField[], text: string, depth: number) => {
    if (stop || count >= maxParts) return;
    count++;
    const ct = (headerFirst(hdrs, 'content-type')?.value ?? 'text/plain').slice(0, 2000);
    const type = ct.split(';')[0]!.trim().toLowerCase();
    if (visit({ fields: hdrs, body: text, type, depth }) === false) { stop = true; return; }
    if (!type.startsWith('multipart/') || depth >= 6) return;
    const boundary = mimeParam(ct, 'boundary');
    if (!boundary) return;
    const delim = `--${boundary}`;
    let pos = text.startsWith(delim) ? 0 : text.indexOf(`\n${delim}`);
    if (pos > 0) pos++;
    while (pos >= 0 && count < maxParts && !stop) {
      if (text.startsWith(`${delim}--`, pos)) break;
      const start = text.indexOf('\n', pos);
      if (start < 0) break;
      const next = text.indexOf(`\n${delim}`, start);
      const partText = text.slice(start + 1, next < 0 ? text.length : next);
      const p = parseHeaderBlock(partText, { maxFields: 200, maxValue: 16 * 1024, maxProblems: 1 });
      walk(p.fields, p.body, depth + 1);
      pos = next < 0 ? -1 : next + 1;
    }
  };
  walk(fields, body, 0);
}

/**
 * The original message (or its headers) that a bounce quotes in a message/rfc822 or text/rfc822-headers part;
 * undefined when the message quotes none.
 */
export function extractQuotedMessage(fields: readonly HeaderField[], body: string): string | undefined {
  let found: string | undefined;
  walkMime(fields, body, (p) => {
    if (p.depth === 0) return;
    if (p.type === 'message/rfc822' || p.type === 'text/rfc822-headers' || p.type === 'message/rfc822-headers' || p.type === 'message/global' || p.type === 'message/global-headers') {
      const cte = headerFirst(p.fields, 'content-transfer-encoding')?.value.trim().toLowerCase() ?? '';
      const bytes = decodeTransfer(p.body, cte);
      found = cte === 'base64' ? decodeCharset(bytes, 'utf-8') : bytes;
      return false;
    }
  });
  return found;
}
