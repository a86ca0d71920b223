import type { IncomingMessage, ServerResponse } from 'node:http';
import { storage } from 'nestjs-pino/storage';
import type { Logger } from 'pino';
import { assignCorrelationId } from './logging';

/** Probes and scrapes, asked every few seconds, stay out of the access log. */
const UNLOGGED = new Set(['/health', '/metrics']);

/** The level of a finished request's line: server faults at error, refusals at warn. */
export function accessLogLevel(statusCode: number): 'error' | 'warn' | 'info' {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/**
 * What nestjs-pino's logger reads inside a request (its `Store`): the request's own logger, which
 * carries the request's id, method and path on every line. It is built on first use, so a request
 * during which nothing is logged never pays for it.
 */
class RequestLogContext {
  private built?: Logger;
  responseLogger?: Logger;

  constructor(
    private readonly root: Logger,
    private readonly req: IncomingMessage,
  ) {}

  get logger(): Logger {
    return (this.built ??= this.root.child({ req: this.req }));
  }

  /** nestjs-pino's `PinoLogger.assign` replaces the logger with a child carrying more fields. */
  set logger(logger: Logger) {
    this.built = logger;
  }
}

/**
 * The access log, mounted first: gives the request its correlation id, runs the rest of the
 * request inside its log context, and writes one line when the response is done (or the client
 * went away), if that line's level is on. Written here rather than taken from pino-http, which
 * builds a child logger (bindings serialised and redacted) and hangs three listeners on every
 * response even at a level that logs nothing: a fifth of a pickup read's CPU.
 */
export function requestLog(root: Logger) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    assignCorrelationId(req, res);
    const context = new RequestLogContext(root, req);
    if (!UNLOGGED.has(req.url ?? '')) {
      const started = Date.now();
      res.once('close', () => {
        const level = accessLogLevel(res.statusCode);
        if (!root.isLevelEnabled(level)) return;
        context.logger[level](
          { res, responseTime: Date.now() - started },
          res.writableFinished ? 'request completed' : 'request aborted',
        );
      });
    }
    storage.run(context, next);
  };
}
