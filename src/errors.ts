/**
 * Errors a caller can act on, typed so that every edge (the CLI, the server) can map them to its
 * own answer — an exit code and one line, an HTTP status and a JSON message — without reading
 * message strings. Stages throw these; only src/cli/ turns them into exit codes.
 */

/** Base class: the message is one line for people, naming what was wrong. */
export class RulecmpError extends Error {
  override name = 'RulecmpError';
}

/** The caller asked for something that does not fit (a bad option value, an empty query): CLI exit 2, HTTP 400. */
export class BadRequestError extends RulecmpError {
  override name = 'BadRequestError';
}

/** Input that cannot be read as a document of the genre (encoding, format, no articles): CLI exit 1, HTTP 400. */
export class InputError extends RulecmpError {
  override name = 'InputError';
  constructor(
    message: string,
    /** The file or name the input came from. */
    readonly source?: string,
  ) {
    super(message);
  }
}

/** A name that is not in the corpus or the taxonomy (topic, district, document, article): CLI exit 2, HTTP 404. */
export class NotFoundError extends BadRequestError {
  override name = 'NotFoundError';
}

export class UnknownTopicError extends NotFoundError {
  override name = 'UnknownTopicError';
}

/** A topic name that matches several topics: the message lists them. */
export class AmbiguousTopicError extends BadRequestError {
  override name = 'AmbiguousTopicError';
  constructor(
    message: string,
    readonly candidates: string[],
  ) {
    super(message);
  }
}

export class UnknownDistrictError extends NotFoundError {
  override name = 'UnknownDistrictError';
}

export class UnknownDocumentError extends NotFoundError {
  override name = 'UnknownDocumentError';
}

/** Items named in an error message at most: a national corpus has thousands of documents; the rest are counted. */
export const NAMED_IN_ERRORS = 12;

/** "a, b, c" — or the first NAMED_IN_ERRORS and "and N more". */
export function someOf(items: string[], max = NAMED_IN_ERRORS): string {
  return items.length > max ? `${items.slice(0, max).join(', ')} and ${items.length - max} more` : items.join(', ');
}
