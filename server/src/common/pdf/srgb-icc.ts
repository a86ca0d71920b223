/**
 * A minimal ICC v2 display profile for sRGB (IEC 61966-2-1), built in code so no binary profile
 * has to be shipped: D50 white point, the Bradford-adapted sRGB primaries and the sRGB tone curve
 * as a 1024-entry table (ICC.1:2001-04 §6.5.3 `curv`). PDF/A needs an output intent that carries
 * such a profile when the document draws in DeviceRGB.
 */
export function srgbIccProfile(): Buffer {
  const s15 = (v: number) => Math.round(v * 65536);
  const xyz = (x: number, y: number, z: number) => {
    const b = Buffer.alloc(20);
    b.write('XYZ ', 0, 'latin1');
    b.writeInt32BE(s15(x), 8);
    b.writeInt32BE(s15(y), 12);
    b.writeInt32BE(s15(z), 16);
    return b;
  };
  const text = (s: string) => {
    const b = Buffer.alloc(8 + s.length + 1);
    b.write('text', 0, 'latin1');
    b.write(s, 8, 'latin1');
    return b;
  };
  const desc = (s: string) => {
    // textDescriptionType: ASCII part, then empty Unicode and ScriptCode parts (67-byte filler).
    const b = Buffer.alloc(12 + s.length + 1 + 8 + 3 + 67);
    b.write('desc', 0, 'latin1');
    b.writeUInt32BE(s.length + 1, 8);
    b.write(s, 12, 'latin1');
    return b;
  };
  const curve = () => {
    const n = 1024;
    const b = Buffer.alloc(12 + 2 * n);
    b.write('curv', 0, 'latin1');
    b.writeUInt32BE(n, 8);
    for (let i = 0; i < n; i++) {
      const c = i / (n - 1);
      const linear = c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      b.writeUInt16BE(Math.round(linear * 65535), 12 + 2 * i);
    }
    return b;
  };
  const trc = curve();
  const tags: [string, Buffer][] = [
    ['desc', desc('sRGB IEC61966-2.1')],
    ['cprt', text('No copyright, use freely')],
    ['wtpt', xyz(0.9642, 1.0, 0.8249)],
    ['rXYZ', xyz(0.4361, 0.2225, 0.0139)],
    ['gXYZ', xyz(0.3851, 0.7169, 0.0971)],
    ['bXYZ', xyz(0.1431, 0.0606, 0.7141)],
    ['rTRC', trc],
    ['gTRC', trc],
    ['bTRC', trc],
  ];
  const pad4 = (n: number) => (n + 3) & ~3;
  const tableSize = 4 + 12 * tags.length;
  let offset = 128 + tableSize;
  const entries: { sig: string; offset: number; size: number }[] = [];
  const bodies: Buffer[] = [];
  const placed = new Map<Buffer, number>();
  for (const [sig, data] of tags) {
    // The three tone curves share one element, as ICC allows.
    const at = placed.get(data);
    if (at !== undefined) {
      entries.push({ sig, offset: at, size: data.length });
      continue;
    }
    entries.push({ sig, offset, size: data.length });
    placed.set(data, offset);
    const padded = Buffer.alloc(pad4(data.length));
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  }
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0);
  header.writeUInt32BE(0x02100000, 8); // version 2.1
  header.write('mntr', 12, 'latin1');
  header.write('RGB ', 16, 'latin1');
  header.write('XYZ ', 20, 'latin1');
  // date 2026-01-01 00:00:00
  [2026, 1, 1, 0, 0, 0].forEach((v, i) => header.writeUInt16BE(v, 24 + 2 * i));
  header.write('acsp', 36, 'latin1');
  header.writeInt32BE(s15(0.9642), 68);
  header.writeInt32BE(s15(1.0), 72);
  header.writeInt32BE(s15(0.8249), 76);
  const table = Buffer.alloc(tableSize);
  table.writeUInt32BE(tags.length, 0);
  entries.forEach((e, i) => {
    table.write(e.sig, 4 + 12 * i, 'latin1');
    table.writeUInt32BE(e.offset, 8 + 12 * i);
    table.writeUInt32BE(e.size, 12 + 12 * i);
  });
  return Buffer.concat([header, table, ...bodies]);
}
