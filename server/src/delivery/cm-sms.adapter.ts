import { request } from 'node:https';
import { PermanentJobError, RetryLaterError } from '../queue/job-types';
import { SmsProvider, type SmsReceipt } from './sms-provider';

export interface CmSettings {
  url: string;
  productToken: string;
  /** The sender name (up to 11 letters or digits) or number shown on the phone. */
  sender: string;
  /** Extra trusted CAs (a private gateway or a test); the system store otherwise. */
  ca?: string[];
  timeoutMs?: number;
}

/** A CM.com "Business Messaging" answer, as far as Zegel reads it. */
interface CmAnswer {
  errorCode?: number;
  details?: string;
  messages?: {
    status?: string;
    reference?: string;
    messageErrorCode?: number;
    messageDetails?: string;
  }[];
}

/**
 * Texts through CM.com's HTTPS gateway (JSON `POST /v1.0/message`, product token authentication),
 * the provider most Dutch healthcare senders use. Each text carries our reference, which CM echoes
 * in its delivery reports (DLR) to `/api/v1/sms/status/<token>`. Never retried over plain HTTP;
 * 5xx and timeouts are retried by the job queue, a refused token or number is not.
 */
export class CmSmsProvider extends SmsProvider {
  constructor(private readonly settings: CmSettings) {
    super();
  }

  async send(to: string, text: string, reference: string): Promise<SmsReceipt> {
    const ref = reference.replace(/[^A-Za-z0-9]/g, '').slice(0, 32);
    const body = JSON.stringify({
      messages: {
        authentication: { producttoken: this.settings.productToken },
        msg: [
          {
            from: this.settings.sender,
            to: [{ number: to }],
            body: { type: 'auto', content: text },
            // CM echoes the reference in the delivery reports sent to the URL set at CM.
            reference: ref,
          },
        ],
      },
    });
    const { status, answer, retryAfter } = await this.post(body);
    if (status === 429 || status >= 500) {
      throw new RetryLaterError(
        `CM.com answered ${status}: ${answer.details ?? 'temporarily unavailable'}`,
        retryAfter ?? 30_000,
      );
    }
    const message = answer.messages?.[0];
    if (status !== 200 || answer.errorCode || message?.messageErrorCode) {
      const detail = message?.messageDetails ?? answer.details ?? `HTTP ${status}`;
      throw new PermanentJobError(`CM.com refused the text: ${detail}`);
    }
    return { reference: message?.reference ?? ref, status: 'accepted' };
  }

  private post(body: string): Promise<{ status: number; answer: CmAnswer; retryAfter?: number }> {
    const url = new URL(this.settings.url);
    return new Promise((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
          ...(this.settings.ca ? { ca: this.settings.ca } : {}),
          timeout: this.settings.timeoutMs ?? 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (c: Buffer) => {
            size += c.length;
            if (size <= 64 * 1024) chunks.push(c);
          });
          res.on('end', () => {
            let answer: CmAnswer = {};
            try {
              answer = JSON.parse(Buffer.concat(chunks).toString('utf8')) as CmAnswer;
            } catch {
              answer = { details: 'the answer was not JSON' };
            }
            const seconds = Number(res.headers['retry-after']);
            resolve({
              status: res.statusCode ?? 0,
              answer,
              ...(Number.isFinite(seconds) && seconds > 0 ? { retryAfter: seconds * 1000 } : {}),
            });
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('CM.com did not answer in time')));
      req.on('error', reject);
      req.end(body);
    });
  }
}

/** CM.com delivery report status codes, as its documentation lists them. */
export function cmDeliveryStatus(code: string | number | undefined): string | null {
  switch (String(code)) {
    case '0':
      return 'accepted';
    case '1':
      return 'rejected';
    case '2':
      return 'delivered';
    case '3':
      return 'failed';
    default:
      return null;
  }
}
