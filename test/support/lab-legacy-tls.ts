import { createServer, type Server, type Socket } from 'node:net';

/**
 * A lab mail server that speaks STARTTLS and then answers ClientHello records the way a very old
 * server would: SSLv2, SSLv3 and TLS 1.0 with RC4, 3DES, EXPORT and NULL suites. Debian's OpenSSL 3
 * cannot serve those any more, so this server only plays the first flight (ServerHello,
 * Certificate, ServerHelloDone, or an alert) and hangs up: enough for a scanner to see what is
 * accepted, never a usable session.
 */
export interface LegacyTlsOptions {
  address: string;
  port: number;
  hostname: string;
  /** DER of the certificate to show. */
  certificate: Buffer;
  /** Record versions accepted, e.g. [0x0300, 0x0301]; the highest the client allows is chosen. */
  versions: number[];
  /** Suites accepted, in the server's order of preference. */
  suites: number[];
  /** SSLv2 cipher kinds accepted (empty: no SSLv2). */
  sslv2Specs: number[];
}

const u16 = (n: number) => Buffer.from([(n >> 8) & 255, n & 255]);
const u24 = (n: number) => Buffer.from([(n >> 16) & 255, (n >> 8) & 255, n & 255]);
const record = (type: number, version: number, body: Buffer) =>
  Buffer.concat([Buffer.from([type]), u16(version), u16(body.length), body]);
const handshake = (type: number, body: Buffer) =>
  Buffer.concat([Buffer.from([type]), u24(body.length), body]);

function answer(hello: Buffer, options: LegacyTlsOptions): Buffer {
  if (hello[0] & 0x80) {
    // SSLv2 CLIENT-HELLO: [len2] 1 ver2 cipherLen2 sessionLen2 challengeLen2 ciphers…
    const cipherLength = hello.readUInt16BE(5);
    const offered: number[] = [];
    for (let i = 11; i + 3 <= 11 + cipherLength; i += 3)
      offered.push((hello[i] << 16) | (hello[i + 1] << 8) | hello[i + 2]);
    const common = options.sslv2Specs.filter((s) => offered.includes(s));
    if (!common.length) return Buffer.alloc(0);
    const specs = Buffer.concat(
      common.map((s) => Buffer.from([(s >> 16) & 255, (s >> 8) & 255, s & 255])),
    );
    const connectionId = Buffer.alloc(16, 7);
    const body = Buffer.concat([
      Buffer.from([4, 0, 1]),
      u16(0x0002),
      u16(options.certificate.length),
      u16(specs.length),
      u16(connectionId.length),
      options.certificate,
      specs,
      connectionId,
    ]);
    return Buffer.concat([u16(0x8000 | body.length), body]);
  }
  // TLS record → ClientHello: version(2) random(32) session(1+n) suites(2+n) …
  const body = hello.subarray(9);
  const clientVersion = body.readUInt16BE(0);
  let at = 34;
  at += 1 + body[at];
  const suitesLength = body.readUInt16BE(at);
  const offered: number[] = [];
  for (let i = at + 2; i < at + 2 + suitesLength; i += 2) offered.push(body.readUInt16BE(i));
  const version = Math.max(...options.versions.filter((v) => v <= clientVersion), -1);
  const alert = (description: number) =>
    record(0x15, clientVersion >= 0x0301 ? 0x0301 : 0x0300, Buffer.from([2, description]));
  if (version < 0) return alert(70); // protocol_version
  const suite = options.suites.find((s) => offered.includes(s));
  if (suite === undefined) return alert(40); // handshake_failure
  const serverHello = Buffer.concat([
    u16(version),
    Buffer.alloc(32, 1),
    Buffer.from([0]),
    u16(suite),
    Buffer.from([0]),
  ]);
  const certificate = Buffer.concat([
    u24(options.certificate.length + 3),
    u24(options.certificate.length),
    options.certificate,
  ]);
  return record(
    0x16,
    version,
    Buffer.concat([
      handshake(2, serverHello),
      handshake(11, certificate),
      handshake(14, Buffer.alloc(0)),
    ]),
  );
}

function session(socket: Socket, options: LegacyTlsOptions) {
  socket.on('error', () => undefined);
  socket.setTimeout(10_000, () => socket.destroy());
  let tls = false;
  let buffer = Buffer.alloc(0);
  socket.write(`220 ${options.hostname} ESMTP\r\n`);
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    if (tls) {
      const complete =
        buffer[0] & 0x80
          ? buffer.length >= 2 + (((buffer[0] & 0x7f) << 8) | buffer[1])
          : buffer.length >= 5 && buffer.length >= 5 + buffer.readUInt16BE(3);
      if (!complete) return;
      const reply = answer(buffer, options);
      // Whatever the client sends next, this server has nothing more to say.
      socket.end(reply);
      tls = false;
      return;
    }
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.subarray(0, end).toString('latin1');
      buffer = buffer.subarray(end + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') socket.write(`250-${options.hostname}\r\n250 STARTTLS\r\n`);
      else if (verb === 'HELO') socket.write(`250 ${options.hostname}\r\n`);
      else if (verb === 'STAR') {
        socket.write('220 Ready to start TLS\r\n');
        tls = true;
        return;
      } else if (verb === 'QUIT') socket.end('221 Bye\r\n');
      else socket.write('502 Not here\r\n');
    }
  });
}

export async function startLegacyTls(
  options: LegacyTlsOptions,
): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    session(socket, options);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.address, () => resolve());
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
