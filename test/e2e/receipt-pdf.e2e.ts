import type { Branding, EvidenceEventView } from '@zegel/shared';
import { createHash } from 'node:crypto';
import { pdfText } from '../support/pdf-text';
import { buildReceiptPdf } from '../../server/src/delivery/receipt-pdf';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const branding: Branding = {
  organisationName: 'Gemeente Voorbeeld',
  logoUrl: null,
  primaryColour: '#0f6cbd',
  supportPhone: '+31 20 123 4567',
  supportUrl: null,
  texts: {
    notification: { nl: '', en: '' },
    ceId: { nl: '', en: '' },
    receipt: { nl: '', en: '' },
  },
};
const event = (seq: number, type: EvidenceEventView['type'], digests = {}): EvidenceEventView => ({
  seq,
  id: `00000000-0000-4000-8000-00000000000${seq}`,
  type,
  time: `2026-11-30T08:0${seq}:00.000Z`,
  messageId: 'a1b2c3d4-0000-4000-8000-000000000000',
  recipient: 'patient@example.nl',
  actor: 'system',
  ip: null,
  digests,
  reason: null,
  prevHash: sha(`prev${seq}`),
  hash: sha(`hash${seq}`),
  signature: Buffer.alloc(64, seq).toString('base64url'),
});

describe('the receipt PDF', () => {
  const digests = { 'body.html': sha('letter'), 'attachment.0': sha('scan') };
  const trail = [
    event(1, 'SubmissionAcceptance', digests),
    event(2, 'ContentHandover', digests),
    event(3, 'ConsignmentAcceptance', digests),
  ];

  it('parses back with the digests, the evidence trail and the verification link', async () => {
    const pdf = await buildReceiptPdf({
      branding,
      messageId: trail[0].messageId!,
      recipient: 'patient@example.nl',
      subject: null,
      event: trail[2],
      trail,
      names: {},
      verifyUrl: 'https://zegel.example/verify/x?h=y&s=z',
      publicKeyUrl: 'https://zegel.example/api/v1/evidence/public-key',
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { doc, lines } = await pdfText(pdf);
    const text = lines.join('\n');
    expect(doc.getTitle()).toContain(trail[0].messageId);
    expect(text).toContain('Gemeente Voorbeeld');
    expect(text).toContain('patient@example.nl accepted the message.');
    expect(text).toContain('patient@example.nl heeft het bericht geaccepteerd.');
    for (const digest of Object.values(digests)) expect(lines).toContain(digest);
    for (const e of trail) {
      expect(text).toContain(`hash ${e.hash}`);
      expect(text).toContain(e.signature);
    }
    expect(text).toContain('https://zegel.example/verify/x?h=y&s=z');
  });

  it('leaves out the subject and names unless given, and survives text its fonts cannot draw', async () => {
    const pdf = await buildReceiptPdf({
      branding: { ...branding, organisationName: 'Zorg 医院 ✓' },
      messageId: trail[0].messageId!,
      recipient: 'patient@example.nl',
      subject: 'Uitslag – onderzoek “Jansen” 😀',
      event: trail[1],
      trail,
      names: { 'attachment.0': 'scan.pdf' },
      verifyUrl: 'https://zegel.example/verify/x',
      publicKeyUrl: 'https://zegel.example/k',
    });
    const text = (await pdfText(pdf)).lines.join('\n');
    expect(text).toContain('Zorg ?? ?');
    expect(text).toContain('Onderwerp / Subject: Uitslag – onderzoek “Jansen” ?');
    expect(text).toContain('attachment.0 (scan.pdf)');
  });
});
