import {
  CLASSIFICATION_HEADER,
  LOOP_PREVENTION_HEADER,
  RECIPIENT_PHONE_HEADER,
  type SubmitMessageRequest,
  type SubmitMessageResponse,
} from '@zegel/shared';
import { MailParser, type AttachmentStream, type MessageText } from 'mailparser';
import { randomUUID } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { ZegelError } from '../common/zegel-error';
import type { PartStore } from '../messages/intake.types';
import { validateSubmission, type KnownClassifications } from '../messages/submission.validation';
import type { MailSample } from '../policy/mail-flow/mail-flow.types';
import type { VaultService } from '../vault/vault.service';
import type { StoredPart } from '../vault/vault.service';
import type { HeaderMap } from './header-block.util';
import { phonesFromHeader } from './phone-header.util';
import { SniffTransform } from './sniff.transform';
import {
  decideClassification,
  LoopError,
  MalformedMessageError,
  strictestLabel,
  type ClassificationDecision,
} from './smtp-phase.util';

/** Thrown out of the intake when the mail is not Zegel's to store; the connector decides what next. */
export class NotForIntake extends Error {
  constructor(
    readonly decision: ClassificationDecision,
    readonly spool: { blobId: string; key: Buffer; context: string } | undefined,
  ) {
    super('not for intake');
  }
}

export interface ReceiveInput {
  source: Readable;
  sender: string;
  recipients: string[];
  maxBytes: number;
  limits: { maxRecipients: number; maxBodyBytes: number; maxAttachments: number };
  unclassified: string;
  /**
   * The classifications that exist (built-in and the admin's), weakest route first: read from the
   * database by the caller, never a fixed list.
   */
  known: KnownClassifications;
  classify: (mail: MailSample) => Promise<string | undefined>;
  vault: VaultService;
  /**
   * Whether mail without a protected label is spooled for relaying (the connector); false where
   * such mail is refused anyway (the Graph intake), so it is not stored twice.
   */
  spoolUnprotected?: boolean;
  /** IntakeService.submitParts bound to the sender, the 'smtp' entry point and the client IP. */
  submit: (
    receive: (store: PartStore) => Promise<SubmitMessageRequest>,
  ) => Promise<SubmitMessageResponse>;
}

/**
 * Receives one message from the DATA stream into the intake. Attachments are encrypted into the
 * vault one by one as the MIME parser produces them; nothing is held whole in memory. When the
 * classification is not decided by a protected header, the raw message is also spooled, encrypted,
 * so that unprotected mail can go back to the smart host unchanged. Resolves with the intake's
 * response (committed durably) or rejects: NotForIntake, LoopError, SizeExceededError or the
 * intake's ZegelError. The source is left for the caller to drain.
 */
export async function receiveSmtpMessage(input: ReceiveInput): Promise<SubmitMessageResponse> {
  const KNOWN = input.known;
  const isProtected = (id: string | undefined) => KNOWN.some((c) => c.id === id && c.protected);
  let headers: HeaderMap = new Map();
  let spool: Promise<StoredPart> | undefined;
  let spoolRef: { key: Buffer; context: string } | undefined;
  let copy: PassThrough | undefined;
  const sniff = new SniffTransform(input.maxBytes, (h) => {
    headers = h;
    if (h.has(LOOP_PREVENTION_HEADER.toLowerCase())) throw new LoopError();
    const label = strictestLabel(h.get(CLASSIFICATION_HEADER.toLowerCase()), KNOWN);
    if (!isProtected(label) && input.spoolUnprotected !== false) {
      const key = input.vault.transientKey();
      const context = `connector-spool/${randomUUID()}`;
      copy = new PassThrough();
      sniff.pipe(copy);
      spoolRef = { key, context };
      spool = input.vault.storePart({ key, context, source: copy, maxBytes: input.maxBytes });
      sniff.on('error', (error) => copy?.destroy(error));
      spool.catch(() => undefined); // awaited below; a failure here must not go unhandled meanwhile
    }
  });
  const abort = (error: Error) => sniff.destroy(error);
  input.source.on('error', abort);
  // smtp-server destroys the stream without an error when the client goes away mid-DATA.
  input.source.on('close', () => {
    if (!input.source.readableEnded) abort(new Error('client disconnected during DATA'));
  });
  input.source.pipe(sniff);

  let stored: StoredPart | undefined;
  try {
    return await input.submit(async (store) => {
      const parsed = await parseInto(sniff, store, input.limits);
      if (spool) stored = await spool;
      const label = strictestLabel(headers.get(CLASSIFICATION_HEADER.toLowerCase()), KNOWN);
      const sample: MailSample = {
        sender: input.sender,
        recipients: input.recipients,
        subject: parsed.subject,
        body: parsed.text ?? '',
        headers: Object.fromEntries(headers),
        attachmentCount: parsed.attachments,
      };
      const decision = decideClassification({
        header: label,
        rule: label?.trim() ? undefined : await input.classify(sample),
        unclassified: input.unclassified,
        known: KNOWN,
      });
      if (decision.kind !== 'classified' || !decision.protected) {
        throw new NotForIntake(
          decision,
          stored && spoolRef ? { blobId: stored.blobId, ...spoolRef } : undefined,
        );
      }
      const phones = phonesFromHeader(
        headers.get(RECIPIENT_PHONE_HEADER.toLowerCase()),
        input.recipients,
      );
      const request = validateSubmission(
        {
          classification: decision.classification,
          subject: parsed.subject,
          recipients: input.recipients.map((address) => {
            const phone = phones.get(address.toLowerCase());
            return phone ? { address, phone } : { address };
          }),
          ...(parsed.html !== undefined ? { html: parsed.html } : {}),
          text: parsed.text ?? (parsed.html === undefined ? '' : undefined),
        },
        input.limits,
        KNOWN,
      );
      await store.bodies(request);
      return request;
    });
  } catch (error) {
    sniff.destroy();
    copy?.destroy(new Error('aborted'));
    if (spool) {
      const blob = stored ?? (await spool.catch(() => undefined));
      // The spool is kept only for the caller that relays unprotected mail; it deletes it then.
      if (blob && !(error instanceof NotForIntake && error.spool)) {
        await input.vault.deletePart(blob.blobId).catch(() => undefined);
      }
    }
    throw error;
  } finally {
    input.source.unpipe(sniff);
  }
}

interface Parsed {
  subject: string;
  text?: string;
  html?: string;
  attachments: number;
}

/** Runs the MIME parser over the stream, handing each attachment to the store as it comes. */
function parseInto(
  source: Readable,
  store: PartStore,
  limits: { maxBodyBytes: number; maxAttachments: number },
): Promise<Parsed> {
  return new Promise<Parsed>((resolve, reject) => {
    const parser = new MailParser({
      skipImageLinks: true,
      skipTextToHtml: true,
      skipTextLinks: true,
      maxHtmlLengthToParse: limits.maxBodyBytes,
      // The vault hashes every part with SHA-256 as it stores it; mailparser's own MD5 of each
      // attachment would be a second pass over the same bytes that nothing reads.
      checksumAlgo: false,
    });
    const result: Parsed = { subject: '', attachments: 0 };
    let pending = Promise.resolve();
    let current: Readable | undefined;
    let failed = false;
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      const cause = error instanceof Error ? error : new Error(String(error));
      // Stop the attachment being stored, and answer only once its blob is gone again.
      current?.destroy(cause);
      source.unpipe(parser);
      parser.destroy();
      void pending.then(() => reject(cause));
    };
    source.on('error', fail);
    // The parser fails only on the message itself (limits of its MIME structure): permanent.
    parser.on('error', (error: Error) => fail(new MalformedMessageError(error.message)));
    parser.on('headers', (h: Map<string, unknown>) => {
      const subject = h.get('subject');
      result.subject =
        typeof subject === 'string' ? subject.replace(/[\r\n]+/g, ' ').slice(0, 998) : '';
    });
    parser.on('data', (data: AttachmentStream | MessageText) => {
      if (data.type === 'text') {
        result.text = data.text;
        result.html = typeof data.html === 'string' ? data.html : undefined;
        return;
      }
      const index = result.attachments++;
      if (index >= limits.maxAttachments) {
        data.content.resume();
        data.release?.();
        return fail(
          new ZegelError(
            'TOO_MANY_PARTS',
            `The message has more than ${limits.maxAttachments} attachments.`,
          ),
        );
      }
      current = data.content;
      pending = store
        .attachment(index, data.filename, data.contentType, data.content, data.cid)
        .then(
          () => {
            current = undefined;
            data.release?.();
          },
          (error: unknown) => {
            data.content.resume();
            data.release?.();
            fail(error);
          },
        );
    });
    parser.on('end', () => {
      pending.then(() => {
        if (!failed) resolve(result);
      }, fail);
    });
    source.pipe(parser);
  });
}
