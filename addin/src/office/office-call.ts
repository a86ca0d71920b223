/// <reference types="office-js" />

/** An Office.js call that failed: the Office error code (e.g. 9002, "InvalidCategory") and message. */
export class OfficeError extends Error {
  constructor(
    readonly code: number | string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'OfficeError';
  }
}

/**
 * Turns a callback-style Office.js call into a promise. A call that throws synchronously (an API
 * the client lacks) rejects as well, so nothing is ever thrown inside an Office callback.
 */
export function officeCall<T>(
  start: (callback: (result: Office.AsyncResult<T>) => void) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    try {
      start((result) => {
        if (String(result.status) === 'succeeded') resolve(result.value);
        else
          reject(
            new OfficeError(
              result.error?.code ?? result.error?.name,
              result.error?.message || 'The Office call failed.',
            ),
          );
      });
    } catch (error) {
      reject(error instanceof Error ? error : new OfficeError(undefined, String(error)));
    }
  });
}
