import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PDFDocument, PDFHexString, PDFName, PDFString, type PDFFont } from 'pdf-lib';
import { srgbIccProfile } from './srgb-icc';

export interface PdfAFonts {
  regular: PDFFont;
  bold: PDFFont;
  mono: PDFFont;
}

export interface PdfAInfo {
  title: string;
  author: string;
  subject: string;
  /** BCP 47, e.g. `nl-NL`. */
  language: string;
  /** Creation and modification time; the XMP and the Info dictionary must agree. */
  date: Date;
  /** 16 bytes or more that identify this document (the trailer's /ID). */
  id: Buffer;
}

const fontDir = () => join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');

/**
 * A document set up for PDF/A-3b (ISO 19005-3, level B: what is drawn is reproducible). pdf-lib
 * gets us there with: every font embedded (DejaVu, subset, with a ToUnicode map), XMP metadata
 * that names the part and level and repeats the Info dictionary, an sRGB output intent, and the
 * trailer /ID. Attach files with `AFRelationship`; pdf-lib then lists them in the catalog's /AF.
 */
export async function createPdfA(info: PdfAInfo): Promise<{ doc: PDFDocument; fonts: PdfAFonts }> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = (file: string) =>
    doc.embedFont(readFileSync(join(fontDir(), file)), { subset: true });
  const fonts = {
    regular: await font('DejaVuSans.ttf'),
    bold: await font('DejaVuSans-Bold.ttf'),
    mono: await font('DejaVuSansMono.ttf'),
  };
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  doc.setAuthor(info.author);
  doc.setSubject(info.subject);
  doc.setCreator('Zegel');
  doc.setProducer('Zegel (pdf-lib)');
  doc.setCreationDate(info.date);
  doc.setModificationDate(info.date);
  doc.setLanguage(info.language);

  const context = doc.context;
  const xmp = context.stream(Buffer.from(xmpMetadata(info), 'utf8'), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), context.register(xmp));
  const icc = context.flateStream(srgbIccProfile(), { N: 3 });
  const intent = context.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of('sRGB IEC61966-2.1'),
    Info: PDFString.of('sRGB IEC61966-2.1'),
    DestOutputProfile: context.register(icc),
  });
  doc.catalog.set(PDFName.of('OutputIntents'), context.obj([context.register(intent)]));
  const id = PDFHexString.of(info.id.toString('hex'));
  context.trailerInfo.ID = context.obj([id, id]);
  return { doc, fonts };
}

function xmpMetadata(info: PdfAInfo): string {
  const esc = (s: string) =>
    s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  // pdf-lib writes Info dates to the second; XMP must say the same instant.
  const when = new Date(Math.floor(info.date.getTime() / 1000) * 1000)
    .toISOString()
    .replace('.000Z', 'Z');
  return `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.title)}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>${esc(info.author)}</rdf:li></rdf:Seq></dc:creator>
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(info.subject)}</rdf:li></rdf:Alt></dc:description>
   <dc:language><rdf:Bag><rdf:li>${esc(info.language)}</rdf:li></rdf:Bag></dc:language>
   <xmp:CreatorTool>Zegel</xmp:CreatorTool>
   <xmp:CreateDate>${when}</xmp:CreateDate>
   <xmp:ModifyDate>${when}</xmp:ModifyDate>
   <xmp:MetadataDate>${when}</xmp:MetadataDate>
   <pdf:Producer>Zegel (pdf-lib)</pdf:Producer>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}
