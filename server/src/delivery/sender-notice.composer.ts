import type { Branding } from '@zegel/shared';
import { LOOP_PREVENTION_HEADER } from '@zegel/shared';
import type Mail from 'nodemailer/lib/mailer';
import type { SenderCodeReason } from '../queue/job-types';
import { KIND_HEADER } from './mail-transport';
import { BOTH, brandedMail, type Lang, type Langs, type Paragraph } from './mail-layout';

const HEADERS = {
  [KIND_HEADER]: 'other',
  [LOOP_PREVENTION_HEADER]: 'notification',
  'Auto-Submitted': 'auto-generated',
};

const WHY: Record<SenderCodeReason, { nl: string; en: string }> = {
  connector: {
    nl: 'Uw bericht is via Zegel als aangetekend bericht verstuurd. De ontvangers krijgen een ophaallink; zij hebben deze codes nodig om het bericht te openen.',
    en: 'Your message was sent through Zegel as a registered message. The recipients get a pickup link; they need these codes to open it.',
  },
  fallback: {
    nl: 'Uw vertrouwelijke bericht kon niet veilig in de inbox worden afgeleverd. De ontvangers krijgen een ophaallink; zij hebben deze codes nodig om het bericht te openen.',
    en: 'Your confidential message could not be delivered safely into the inbox. The recipients get a pickup link instead; they need these codes to open it.',
  },
  'new-code': {
    nl: 'Er is een nieuwe code uitgegeven; de oude werkt niet meer.',
    en: 'A new code was issued; the old one no longer works.',
  },
};

/**
 * The mail that gives the sender the recipients' CE-IDs to pass on by phone or in person: never in
 * the same mail as a link, never to the recipient. Branded, in both languages.
 */
export function composeSenderCodes(input: {
  from: string;
  to: string;
  reason: SenderCodeReason;
  codes: { address: string; ceId: string }[];
  branding: Branding;
  publicUrl: string;
  langs?: Langs;
}): Mail.Options {
  const list = input.codes.map((c) => `${c.address}: ${c.ceId}`).join('\n');
  const why = WHY[input.reason];
  const body = (lang: Lang): Paragraph[] => [
    { text: why[lang] },
    {
      text:
        lang === 'nl'
          ? 'Geef elke code telefonisch of persoonlijk door, nooit per e-mail aan de ontvanger:'
          : 'Pass each code on by phone or in person, never by e-mail to the recipient:',
    },
    { text: list, code: true },
  ];
  const names = input.codes.map((c) => c.address).join(', ');
  return {
    from: input.from,
    to: input.to,
    subject: `Ophaalcodes / Pickup codes: ${names}`.slice(0, 900),
    ...brandedMail({
      branding: input.branding,
      publicUrl: input.publicUrl,
      langs: input.langs ?? BOTH,
      body: { nl: body('nl'), en: body('en') },
      extra: input.branding.texts.ceId,
    }),
    headers: HEADERS,
  };
}

/** The recipient says the code is lost: the sender can issue a new one in Outlook or the API. */
export function composeLostCodeNotice(input: {
  from: string;
  to: string;
  recipient: string;
  messageId: string;
  publicUrl: string;
  branding: Branding;
  langs?: Langs;
}): Mail.Options {
  const api = `${input.publicUrl}/api/v1/messages/${input.messageId}/recipients/${encodeURIComponent(input.recipient)}/new-code`;
  const body = (lang: Lang): Paragraph[] =>
    lang === 'nl'
      ? [
          {
            text: `${input.recipient} meldt dat de code voor uw beveiligde bericht kwijt is. Geef een nieuwe code uit in Outlook (Zegel, "Verzonden", "Nieuwe code") of via ${api}; de oude code werkt daarna niet meer.`,
          },
          { text: `Bericht-id: ${input.messageId}` },
        ]
      : [
          {
            text: `${input.recipient} reports the code for your secure message lost. Issue a new code in Outlook (Zegel, "Sent", "New code") or through ${api}; the old code then stops working.`,
          },
          { text: `Message id: ${input.messageId}` },
        ];
  return {
    from: input.from,
    to: input.to,
    subject: `Code kwijt / Code lost: ${input.recipient}`,
    ...brandedMail({
      branding: input.branding,
      publicUrl: input.publicUrl,
      langs: input.langs ?? BOTH,
      body: { nl: body('nl'), en: body('en') },
      extra: input.branding.texts.ceId,
    }),
    headers: HEADERS,
  };
}
