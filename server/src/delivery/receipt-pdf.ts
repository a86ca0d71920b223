import type { Branding, EvidenceEventView } from '@zegel/shared';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { hexColour, PageWriter } from '../common/pdf/page-writer';
import { formatTime } from './mail-layout';
import { plainEvent } from './receipt-wording';

export interface ReceiptPdfInput {
  branding: Branding;
  messageId: string;
  recipient: string;
  /** Null unless the organisation allows the subject in receipts. */
  subject: string | null;
  /** The event this receipt is for. */
  event: EvidenceEventView;
  /** The message's evidence trail for this recipient (and the message as a whole), oldest first. */
  trail: EvidenceEventView[];
  names: Record<string, string>;
  verifyUrl: string;
  publicKeyUrl: string;
}

/**
 * The receipt as a PDF: the outcome, the digest of every part and the evidence trail with each
 * event's hash and signature, in Dutch and English. pdf-lib with the standard fonts (no font files
 * to ship); text they cannot encode is replaced, since the digests and ids are plain ASCII anyway.
 */
export async function buildReceiptPdf(input: ReceiptPdfInput): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const title = `Ontvangstbewijs / Receipt ${input.messageId}`;
  doc.setTitle(title);
  doc.setAuthor(input.branding.organisationName);
  doc.setSubject(`${input.event.type} ${input.recipient}`);
  doc.setCreator('Zegel');
  doc.setProducer('Zegel (pdf-lib)');
  doc.setCreationDate(new Date(input.event.time));
  doc.setModificationDate(new Date(input.event.time));
  doc.setLanguage('nl-NL');

  const writer = new PageWriter(doc, regular);
  const colour = hexColour(input.branding.primaryColour);
  writer.line(input.branding.organisationName, { font: bold, size: 16, colour });
  writer.gap(4);
  writer.line('Ontvangstbewijs aangetekend bericht / Registered message receipt', {
    font: bold,
    size: 13,
  });
  writer.gap(8);
  const what = plainEvent(input.event.type);
  writer.line(`${input.recipient} ${what.nl}.`);
  writer.line(`${input.recipient} ${what.en}.`);
  writer.line(`Tijd / Time: ${formatTime(new Date(input.event.time), 'nl')} (${input.event.time})`);
  writer.line(`Bericht / Message: ${input.messageId}`);
  if (input.subject) writer.line(`Onderwerp / Subject: ${input.subject}`);
  writer.gap(10);

  writer.line('SHA-256 van de onderdelen / of the parts', { font: bold });
  const digests = Object.entries(digestsOf(input));
  if (!digests.length) writer.line('-');
  for (const [part, sha] of digests) {
    writer.line(`${part}${input.names[part] ? ` (${input.names[part]})` : ''}`);
    writer.line(sha, { font: mono, size: 9 });
  }
  writer.gap(10);

  writer.line('Bewijsspoor / Evidence trail', { font: bold });
  for (const e of input.trail) {
    const plain = plainEvent(e.type);
    writer.gap(4);
    writer.line(`#${e.seq} ${e.type} - ${e.time}${e.recipient ? ` - ${e.recipient}` : ''}`, {
      font: e.id === input.event.id ? bold : regular,
      size: 10,
    });
    writer.line(`${plain.nl} / ${plain.en}`, { size: 9 });
    writer.line(`hash ${e.hash}`, { font: mono, size: 8 });
    writer.line(`sig  ${e.signature}`, { font: mono, size: 8 });
  }
  writer.gap(10);
  writer.line('Controleren / Verify', { font: bold });
  writer.line(
    'Elke gebeurtenis is met SHA-256 aan de vorige geketend en ondertekend. Controleer de handtekening op:',
    { size: 9 },
  );
  writer.line(
    'Each event is chained to the one before with SHA-256 and signed. Check the signature at:',
    { size: 9 },
  );
  writer.line(input.verifyUrl, { font: mono, size: 8 });
  writer.line(`Publieke sleutel / Public key: ${input.publicKeyUrl}`, { size: 9 });
  return Buffer.from(await doc.save());
}

/** The digests of the receipt's event, else of the submission (a decline names no parts). */
function digestsOf(input: ReceiptPdfInput): Record<string, string> {
  if (Object.keys(input.event.digests).length) return input.event.digests;
  return input.trail.find((e) => Object.keys(e.digests).length)?.digests ?? {};
}
