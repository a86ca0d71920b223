/** Stable error codes of the HTTP API; the message beside them is for people and may change. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYLOAD_TOO_LARGE',
  'TOO_MANY_PARTS',
  'UNSUPPORTED_MEDIA_TYPE',
  'CLASSIFICATION_NOT_HANDLED',
  'ATTACHMENT_UNREADABLE',
  'PICKUP_DENIED',
  'PICKUP_BLOCKED',
  'PICKUP_SESSION_REQUIRED',
  'PICKUP_CLOSED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
  'INTEGRITY_FAILURE',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    correlationId: string;
    /** Field-level problems for VALIDATION_FAILED; `code`, where given, is stable. */
    details?: { path: string; message: string; code?: string }[];
  };
}
