import type { Branding, EvidenceEventView } from '@zegel/shared';
import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import type Mail from 'nodemailer/lib/mailer';
import { KIND_HEADER } from './mail-transport';
import {
  BOTH,
  brandedMail,
  formatTime,
  type Lang,
  type Langs,
  type Paragraph,
} from './mail-layout';
import { plainEvent } from './receipt-wording';

export interface ReceiptInput {
  from: string;
  to: string;
  recipient: string;
  messageId: string;
  event: EvidenceEventView;
  /** Attachment names by digest key (`attachment.0` → name), while the sender's copy of them exists. */
  names: Record<string, string>;
  /** The original subject, only when the organisation allows it (ZEGEL_RECEIPT_SHOW_SUBJECT). */
  subject: string | null;
  branding: Branding;
  publicUrl: string;
  /** The page that checks this event's signature. */
  verifyUrl: string;
  /** The evidence trail as a PDF. */
  pdf: Buffer;
  langs?: Langs;
}

/** The page that checks a receipt's evidence: the event id, with its hash and signature to compare. */
export function verifyUrlOf(publicUrl: string, event: EvidenceEventView): string {
  return `${publicUrl}/verify/${event.id}?h=${event.hash}&s=${event.signature}`;
}

/**
 * The sender's receipt for one evidence event: who, what, when, and the SHA-256 of every part, so
 * the sender can show later exactly what was handed over; the evidence trail as a PDF attachment and
 * a link to the page that checks the signature. Branded, in both languages.
 */
export function composeReceipt(input: ReceiptInput): Mail.Options {
  const what = plainEvent(input.event.type);
  const time = new Date(input.event.time);
  const digests = Object.entries(input.event.digests)
    .map(([part, sha]) => `${part}${input.names[part] ? ` (${input.names[part]})` : ''}: ${sha}`)
    .join('\n');
  const body = (lang: Lang): Paragraph[] => {
    const nl = lang === 'nl';
    return [
      { text: `${input.recipient} ${what[lang]}.` },
      ...(input.subject ? [{ text: `${nl ? 'Onderwerp' : 'Subject'}: ${input.subject}` }] : []),
      {
        text: [
          `${nl ? 'Tijd' : 'Time'}: ${formatTime(time, lang)} (${input.event.time})`,
          `${nl ? 'Bericht' : 'Message'}: ${input.messageId}`,
          `${nl ? 'Bewijs' : 'Evidence'}: ${input.event.type} (http://uri.etsi.org/19522/Event/${input.event.type}), #${input.event.seq}, id ${input.event.id}`,
        ].join('\n'),
      },
      ...(digests
        ? [
            { text: nl ? 'SHA-256 van de onderdelen:' : 'SHA-256 of the parts:' },
            { text: digests, code: true },
          ]
        : []),
      {
        text: [
          `${nl ? 'Hash van het bewijsrecord' : 'Record hash'} (SHA-256): ${input.event.hash}`,
          `${nl ? 'Handtekening' : 'Signature'}: ${input.event.signature}`,
          nl
            ? 'Het bewijsspoor staat in de bijlage (PDF). Controleer de handtekening:'
            : 'The evidence trail is attached (PDF). Check the signature:',
        ].join('\n'),
        link: {
          href: input.verifyUrl,
          label: nl ? 'Handtekening controleren' : 'Check the signature',
        },
      },
    ];
  };
  const langs = input.langs ?? BOTH;
  const short = what.en.split(';')[0];
  return {
    from: input.from,
    to: input.to,
    subject:
      `${langs.includes('nl') ? 'Ontvangstbewijs / Receipt' : 'Receipt'}: ${input.recipient} ${short}${input.subject ? ` - ${input.subject}` : ''}`.slice(
        0,
        900,
      ),
    ...brandedMail({
      branding: input.branding,
      publicUrl: input.publicUrl,
      langs,
      body: { nl: body('nl'), en: body('en') },
      extra: input.branding.texts.receipt,
    }),
    attachments: [
      {
        filename: `ontvangstbewijs-receipt-${input.messageId.slice(0, 8)}-${input.event.seq}.pdf`,
        content: input.pdf,
        contentType: 'application/pdf',
      },
    ],
    headers: {
      [KIND_HEADER]: 'receipt',
      [LOOP_PREVENTION_HEADER]: 'receipt',
      'Auto-Submitted': 'auto-generated',
      'X-Zegel-Message-Id': input.messageId,
      'X-Zegel-Evidence': input.event.type,
    },
  };
}
