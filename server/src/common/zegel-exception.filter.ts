import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { ErrorBody, ErrorCode } from '@zegel/shared';
import type { Request, Response } from 'express';
import { parserError } from './body-intake.middleware';
import { dutchFieldMessage } from './field-messages.nl';
import { assignCorrelationId } from './logging';
import { HTTP_STATUS, ZegelError } from './zegel-error';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * The one place where errors become HTTP answers. Known errors keep their stable code; anything
 * else is a 500 with the correlation id, logged at error level (client mistakes at warn).
 */
@Catch()
export class ZegelExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(caught: unknown, host: ArgumentsHost): void {
    // A parser's error that reached us unmapped is still the client's mistake, never a 500.
    const exception = parserError(caught);
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const correlationId = request.id ? String(request.id) : assignCorrelationId(request, response);
    const { status, body } = this.toBody(exception, correlationId);
    // Field problems in the reader's language: the forms show them beside the field.
    if (body.error.details && prefersDutch(request))
      body.error.details = body.error.details.map((d) => ({
        ...d,
        message: dutchFieldMessage(d.message),
      }));
    if (status >= 500) this.logger.error({ err: exception, correlationId }, 'request failed');
    else this.logger.warn({ code: body.error.code, status, correlationId }, body.error.message);
    if (response.headersSent) {
      response.destroy();
      return;
    }
    // A refused upload may still be streaming in: answer, then close instead of reading it all.
    if (!request.complete) response.setHeader('Connection', 'close');
    response.status(status).json(body);
  }

  private toBody(exception: unknown, correlationId: string): { status: number; body: ErrorBody } {
    if (exception instanceof ZegelError) {
      return {
        status: HTTP_STATUS[exception.code],
        body: {
          error: {
            code: exception.code,
            message: exception.message,
            correlationId,
            ...(exception.details ? { details: exception.details } : {}),
          },
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'VALIDATION_FAILED');
      const message =
        status === 404
          ? 'No such resource.'
          : status >= 500
            ? 'Internal error.'
            : exception.message;
      return { status, body: { error: { code, message, correlationId } } };
    }
    return {
      status: 500,
      body: {
        error: {
          code: 'INTERNAL',
          message: `Internal error. Quote correlation id ${correlationId} when reporting it.`,
          correlationId,
        },
      },
    };
  }
}

/** Dutch only when the client puts it before English (`Accept-Language: nl`); English otherwise. */
function prefersDutch(request: Request): boolean {
  if (!request.headers['accept-language']) return false;
  return request.acceptsLanguages('en', 'nl') === 'nl';
}
