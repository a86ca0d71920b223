import type { ErrorCode } from '@zegel/shared';

/** HTTP status for each stable error code; the one place where the two are tied. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_PARTS: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  CLASSIFICATION_NOT_HANDLED: 422,
  ATTACHMENT_UNREADABLE: 422,
  PICKUP_DENIED: 401,
  PICKUP_BLOCKED: 429,
  PICKUP_SESSION_REQUIRED: 401,
  PICKUP_CLOSED: 410,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTEGRITY_FAILURE: 500,
  INTERNAL: 500,
};

/** An error a caller can act on: a stable code, a plain sentence, optional field details. */
export class ZegelError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: { path: string; message: string; code?: string }[],
  ) {
    super(message);
    this.name = 'ZegelError';
  }

  get status(): number {
    return HTTP_STATUS[this.code];
  }
}
