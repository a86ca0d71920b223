import busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { releaseBodyBudget } from '../common/body-intake.middleware';
import { multipartMessageFieldLimit } from '../common/body-limits.rules';
import { ZegelError } from '../common/zegel-error';
import { MultipartHeaderTransform } from './multipart-headers.transform';

export interface IntakeLimits {
  maxAttachments: number;
  maxAttachmentBytes: number;
  maxBodyBytes: number;
  maxRecipients: number;
}

export interface IncomingFile {
  index: number;
  filename: string | undefined;
  mimeType: string | undefined;
  stream: Readable;
}

/**
 * Streams a multipart/form-data submission: the `message` field (JSON) must come first, then the
 * `attachments` files. Each file is handed to `onFile` as a stream and consumed before busboy reads
 * on, so nothing is ever held whole in memory. Rejects with a clear ZegelError on any violation;
 * the caller removes what it stored.
 */
export function readMultipart(
  request: IncomingMessage,
  limits: IntakeLimits,
  onMessage: (json: unknown) => void,
  onFile: (file: IncomingFile) => Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: request.headers,
        limits: {
          files: limits.maxAttachments,
          fields: 1,
          fieldSize: multipartMessageFieldLimit(limits),
          parts: limits.maxAttachments + 2,
          // The vault enforces the per-file limit with a clear error; busboy only truncates.
          fileSize: limits.maxAttachmentBytes + 1,
        },
        preservePath: false,
        // Browsers send file names as raw UTF-8 in filename="…"; busboy's default is Latin-1.
        defParamCharset: 'utf8',
      });
    } catch (error) {
      reject(
        new ZegelError(
          'UNSUPPORTED_MEDIA_TYPE',
          `Not a multipart/form-data request: ${(error as Error).message}`,
        ),
      );
      return;
    }
    // Every part's header is decoded by us first: busboy would skip one it cannot parse.
    const normaliser = new MultipartHeaderTransform(
      MultipartHeaderTransform.boundaryOf(request.headers['content-type']) ?? '',
    );
    let failed = false;
    let sawMessage = false;
    let index = 0;
    let pending = Promise.resolve();
    let current: Readable | undefined;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      request.unpipe(normaliser);
      normaliser.unpipe(parser);
      request.resume(); // drain what the client still sends, so the error answer reaches it
      // Stop the file being stored (the vault then removes its partial blob) and answer only when
      // every store has settled, so the caller's clean-up sees every blob that was written.
      current?.destroy(error instanceof Error ? error : new Error(String(error)));
      pending.then(
        () => reject(error),
        () => reject(error),
      );
    };
    parser.on('field', (name, value, info) => {
      if (name !== 'message')
        return fail(
          new ZegelError(
            'VALIDATION_FAILED',
            `Unexpected field "${name}"; send the JSON in a field named "message".`,
          ),
        );
      if (info.valueTruncated)
        return fail(new ZegelError('PAYLOAD_TOO_LARGE', 'The message field is too large.'));
      try {
        onMessage(JSON.parse(value));
        sawMessage = true;
        // From here on the parser only streams files to the vault: give the budget back.
        releaseBodyBudget(request);
      } catch (error) {
        fail(
          error instanceof ZegelError
            ? error
            : new ZegelError('VALIDATION_FAILED', 'The message field is not valid JSON.'),
        );
      }
    });
    parser.on('file', (name, stream, info) => {
      if (failed) return stream.resume();
      if (name !== 'attachments') {
        stream.resume();
        return fail(
          new ZegelError(
            'VALIDATION_FAILED',
            `Unexpected file field "${name}"; attach files as "attachments".`,
          ),
        );
      }
      if (!sawMessage) {
        stream.resume();
        return fail(
          new ZegelError(
            'VALIDATION_FAILED',
            'The "message" field must come before the attachments.',
          ),
        );
      }
      const file = { index: index++, filename: info.filename, mimeType: info.mimeType, stream };
      pending = pending
        .then(() => {
          if (failed) return void stream.resume();
          current = stream;
          return onFile(file);
        })
        .catch((error) => {
          stream.resume();
          fail(error);
        });
    });
    parser.on('filesLimit', () =>
      fail(
        new ZegelError(
          'TOO_MANY_PARTS',
          `At most ${limits.maxAttachments} attachments are allowed.`,
        ),
      ),
    );
    parser.on('partsLimit', () =>
      fail(new ZegelError('TOO_MANY_PARTS', 'The request has too many parts.')),
    );
    parser.on('fieldsLimit', () =>
      fail(new ZegelError('VALIDATION_FAILED', 'Only one "message" field is allowed.')),
    );
    parser.on('error', (error: Error) =>
      fail(new ZegelError('VALIDATION_FAILED', `Malformed multipart body: ${error.message}`)),
    );
    parser.on('close', () => {
      pending.then(
        () => {
          if (failed) return;
          if (!sawMessage)
            return fail(new ZegelError('VALIDATION_FAILED', 'The "message" field is missing.'));
          resolve();
        },
        () => undefined,
      );
    });
    request.on('aborted', () =>
      fail(new ZegelError('VALIDATION_FAILED', 'The upload was aborted.')),
    );
    request.on('error', (error) => fail(error));
    normaliser.on('error', (error) =>
      fail(
        error instanceof ZegelError
          ? error
          : new ZegelError('VALIDATION_FAILED', `Malformed multipart body: ${error.message}`),
      ),
    );
    request.pipe(normaliser).pipe(parser);
  });
}
