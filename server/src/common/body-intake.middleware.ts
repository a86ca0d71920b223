import { json } from 'body-parser';
import type { NextFunction, Request, Response } from 'express';
import {
  bodyPolicy,
  multipartMessageFieldLimit,
  type BodyLimitSettings,
} from './body-limits.rules';
import { InFlightBudget, type BudgetReservation } from './inflight-budget';
import { ZegelError } from './zegel-error';

const RESERVATION = Symbol('zegel.bodyReservation');
type WithReservation = Request & { [RESERVATION]?: BudgetReservation };

/**
 * Gives a request's body bytes back to the in-flight budget before the response ends: the
 * multipart intake calls it once the message field is parsed, since from then on it only streams
 * files to the vault.
 */
export function releaseBodyBudget(req: object): void {
  (req as WithReservation)[RESERVATION]?.release();
}

export interface BodyIntakeOptions extends BodyLimitSettings {
  /** Body bytes all requests together may hold in parsers at once. */
  maxInFlightBytes: number;
}

const hasBody = (req: Request): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

const mediaType = (req: Request): string =>
  (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();

const isJson = (type: string): boolean => type === 'application/json' || /\+json$/.test(type);

/**
 * Everything that happens to a request body before a route sees it, in one place, in front of
 * every parser: compressed bodies are refused (415), a declared length over the route's limit is
 * refused before reading (413), the route's body is reserved from the in-flight budget (503 when
 * spent), and JSON is parsed with the route's limit. Parser failures become stable 4xx errors.
 */
export function bodyIntake(options: BodyIntakeOptions) {
  const budget = new InFlightBudget(options.maxInFlightBytes);
  const parsers = new Map<number, ReturnType<typeof json>>();
  const parserFor = (limit: number) => {
    let parser = parsers.get(limit);
    if (!parser) {
      // inflate: false — a compressed body is never expanded in memory (refused above anyway).
      parser = json({ limit, inflate: false, type: () => true });
      parsers.set(limit, parser);
    }
    return parser;
  };

  return function intake(req: Request, res: Response, next: NextFunction): void {
    if (!hasBody(req)) return next();
    const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '')
      return refuse(
        req,
        next,
        new ZegelError(
          'UNSUPPORTED_MEDIA_TYPE',
          'Compressed request bodies are not accepted; send the body without Content-Encoding.',
        ),
      );
    const policy = bodyPolicy(req.method, req.path, options);
    const type = mediaType(req);
    const multipart = policy.multipart && type === 'multipart/form-data';
    if (!multipart && !isJson(type))
      return refuse(
        req,
        next,
        new ZegelError(
          'UNSUPPORTED_MEDIA_TYPE',
          policy.multipart
            ? 'Send application/json or multipart/form-data.'
            : 'Send application/json.',
        ),
      );
    const declared = Number(req.headers['content-length'] ?? NaN);
    // The multipart intake streams files to the vault; only the message field is held in memory.
    const inMemory = multipart ? multipartMessageFieldLimit(options) : policy.jsonLimit;
    if (!multipart && declared > policy.jsonLimit)
      return refuse(req, next, tooLarge(policy.jsonLimit));
    const reservation = budget.reserve(
      Number.isFinite(declared) ? Math.min(declared, inMemory) : inMemory,
    );
    if (!reservation) {
      res.setHeader('Retry-After', '1');
      return refuse(
        req,
        next,
        new ZegelError(
          'SERVICE_UNAVAILABLE',
          'The server is busy receiving other requests; try again shortly.',
        ),
      );
    }
    (req as WithReservation)[RESERVATION] = reservation;
    res.once('close', () => reservation.release());
    if (multipart) return next();
    parserFor(policy.jsonLimit)(req, res, (error?: unknown) =>
      error ? next(parserError(error, policy.jsonLimit)) : next(),
    );
  };
}

const tooLarge = (limit?: number) =>
  new ZegelError(
    'PAYLOAD_TOO_LARGE',
    limit ? `The request body is larger than ${limit} bytes.` : 'The request body is too large.',
  );

/** Answers without reading the body; the connection closes so the client stops sending it. */
function refuse(req: Request, next: NextFunction, error: ZegelError): void {
  req.resume();
  next(error);
}

/** body-parser's errors (http-errors with a `type`) as stable codes; never a 500 for a client's body. */
export function parserError(error: unknown, limit?: number): unknown {
  const e = error as { type?: unknown; status?: unknown; limit?: unknown };
  if (typeof e?.type !== 'string') return error;
  switch (e.type) {
    case 'entity.too.large':
      return tooLarge(limit ?? (typeof e.limit === 'number' ? e.limit : undefined));
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new ZegelError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON.');
    case 'entity.parse.failed':
    case 'entity.verify.failed':
      return new ZegelError('VALIDATION_FAILED', 'The request body is not valid JSON.');
    case 'request.aborted':
      return new ZegelError('VALIDATION_FAILED', 'The request body was aborted.');
    case 'request.size.invalid':
      return new ZegelError(
        'VALIDATION_FAILED',
        'The request body does not match its Content-Length.',
      );
    default:
      return typeof e.status === 'number' && e.status < 500
        ? new ZegelError('VALIDATION_FAILED', 'The request body could not be read.')
        : error;
  }
}
