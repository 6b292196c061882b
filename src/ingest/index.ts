/**
 * The ingest stage: raw bytes of one file → the text every later span refers to.
 * Nothing in the text is normalised here (not even line ends); what was done to
 * get it — encoding, BOM, HTML extraction — is recorded in `source` instead.
 */
import { createHash } from 'node:crypto';
import type { SourceFormat, SourceText } from '../model.js';
import { decodeBytes, IngestError } from './decode.js';
import { htmlToText, looksLikeHtml } from './html.js';
import { markdownToText } from './markdown.js';

export { decodeBytes, IngestError } from './decode.js';
export type { Decoded, IngestErrorCode } from './decode.js';
export { htmlToText, looksLikeHtml } from './html.js';

const HTML_PATH = /\.(x?html?)$/i;
const MARKDOWN_PATH = /\.(md|markdown)$/i;

export function ingest(bytes: Uint8Array, path: string): SourceText {
  const decoded = decodeBytes(bytes);
  let text = decoded.text;
  let format: SourceFormat = 'text';
  if (HTML_PATH.test(path) || looksLikeHtml(text)) {
    format = 'html';
    text = htmlToText(text);
    // A page of nothing but menus and scripts has no rules in it.
    if (text.trim() === '') throw new IngestError('empty', 'no text in html page');
  } else if (MARKDOWN_PATH.test(path)) {
    format = 'markdown';
    text = markdownToText(text);
  }
  return {
    text,
    source: {
      path,
      format,
      encoding: decoded.encoding,
      bom: decoded.bom,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
    },
  };
}
