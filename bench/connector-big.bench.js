'use strict';
// A 100 MB attachment through the SMTP connector (base64 in a MIME message, as Exchange relays it)
// and out through the pickup page's download, next to the floor of raw AES-256-GCM plus a fsynced
// disk write of the same bytes, with the server's peak RSS growth.
// Goal (issue 14): peak RSS growth ≤ 64 MB; each direction ≥ 0.5× the raw floor.
// Plain SMTP on loopback (ZEGEL_SMTP_REQUIRE_TLS=false): the figure is intake, not TLS.
// The MIME message is composed to a file before the clock starts and then sent as it is, as
// smtp-source sends its message: a sending MTA does its encoding on its own machine, and on this
// one it would take the cores the server measures with.
const { createHash, randomBytes } = require('node:crypto');
const { createReadStream, createWriteStream, mkdtempSync, rmSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { Readable } = require('node:stream');
const { pipeline } = require('node:stream/promises');
const MailComposer = require('nodemailer/lib/mail-composer');
const {
  cpuSeconds,
  currentRss,
  freePort,
  peakRss,
  rawEncryptAndWrite,
  resetPeakRss,
  startZegel,
} = require('./support/server-process');
const { downloadThroughPickup, outboxMail } = require('./support/big-attachment');

const BIG = Number(process.env.BENCH_BIG_MB ?? 100) * 1024 * 1024;
const MB = BIG / 1024 / 1024;
const SENDER = 'jan@zorg.example';
const RECIPIENT = 'big@example.nl';

/** The attachment as a stream of 1 MB chunks, hashed on the way out. */
function attachment(hash) {
  const chunk = randomBytes(1024 * 1024);
  let left = BIG / chunk.length;
  return new Readable({
    read() {
      if (left-- <= 0) return this.push(null);
      hash.update(chunk);
      this.push(chunk);
    },
  });
}

/** The whole message as the sender would put it on the wire, written to `file`. */
async function composeToFile(file, hash) {
  const mail = new MailComposer({
    from: SENDER,
    to: RECIPIENT,
    subject: 'Big',
    headers: { 'X-Zegel-Classification': 'registered' },
    text: 'see attachment',
    attachments: [
      { filename: 'big.bin', contentType: 'application/octet-stream', content: attachment(hash) },
    ],
  }).compile();
  // Base64 lines and these headers never start with a dot, so no dot-stuffing is needed.
  await pipeline(mail.createReadStream(), createWriteStream(file));
}

/**
 * One SMTP transaction that streams `file` as the DATA: a minimal client (EHLO, MAIL, RCPT, DATA)
 * whose own cost is reading a file into a socket. Resolves with the server's final answer.
 */
function sendFile(port, file) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const send = (line) => socket.write(`${line}\r\n`);
    // What follows each reply, in order: greeting, EHLO, MAIL, RCPT, DATA's 354, the final answer.
    const after = [
      () => send('EHLO bench.example'),
      () => send(`MAIL FROM:<${SENDER}>`),
      () => send(`RCPT TO:<${RECIPIENT}>`),
      () => send('DATA'),
      () => {
        const body = createReadStream(file, { highWaterMark: 1024 * 1024 });
        body.on('end', () => socket.write('\r\n.\r\n'));
        body.on('error', reject);
        body.pipe(socket, { end: false });
      },
      (line) => {
        socket.end('QUIT\r\n');
        resolve(line);
      },
    ];
    let buffered = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (text) => {
      buffered += text;
      const lines = buffered.split('\r\n');
      buffered = lines.pop();
      // A reply's last line has a space after its code; the lines before it a hyphen.
      for (const line of lines.filter((l) => /^\d{3} /.test(l))) {
        if (Number(line.slice(0, 3)) >= 400) {
          socket.destroy();
          return reject(new Error(`the connector answered ${line}`));
        }
        after.shift()?.(line);
      }
    });
  });
}

async function main() {
  const root = mkdtempSync(join(tmpdir(), 'zegel-bench-big-'));
  const port = await freePort();
  const smtpPort = await freePort();
  const raw = await rawEncryptAndWrite(root, BIG);
  const child = await startZegel(root, {
    ZEGEL_PORT: String(port),
    ZEGEL_SMTP_PORT: String(smtpPort),
    ZEGEL_SMTP_REQUIRE_TLS: 'false',
    ZEGEL_MAX_ATTACHMENT_BYTES: String(BIG + 1024),
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    const rssBefore = currentRss(child.pid);
    const resetOk = resetPeakRss(child.pid);
    const upHash = createHash('sha256');
    const file = join(root, 'big.eml');
    await composeToFile(file, upHash);
    const cpuBefore = cpuSeconds(child.pid);
    const benchCpuBefore = process.cpuUsage();
    const upStart = process.hrtime.bigint();
    const response = await sendFile(smtpPort, file);
    const upSeconds = Number(process.hrtime.bigint() - upStart) / 1e9;
    const serverCpu = cpuSeconds(child.pid) - cpuBefore;
    const used = process.cpuUsage(benchCpuBefore);
    const clientCpu = (used.user + used.system) / 1e6;
    if (!/^250/.test(response)) throw new Error(`the connector answered ${response}`);

    const codes = await outboxMail(url, (m) => m.to.includes(SENDER));
    const ceId = new RegExp(`${RECIPIENT}: ([A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3})`).exec(
      codes.text,
    )?.[1];
    if (!ceId) throw new Error('no CE-ID in the codes mail to the sender');
    const down = await downloadThroughPickup(url, RECIPIENT, ceId);
    const downSeconds = down.seconds;
    const same = down.sha256 === upHash.digest('hex');

    console.log(`Raw AES-256-GCM + disk write (fsynced) of ${MB} MB: ${raw.toFixed(1)} MB/s`);
    console.log(
      `Connector intake of a ${MB} MB attachment (base64 MIME, 250 after commit): ${(MB / upSeconds).toFixed(1)} MB/s, ratio ${(MB / upSeconds / raw).toFixed(2)} of raw (goal ≥ 0.5)`,
    );
    // Where the intake's wall time went: the server's CPU, and this process sending the file.
    console.log(
      `  intake ${upSeconds.toFixed(1)} s: server CPU ${serverCpu.toFixed(1)} s, sending client CPU ${clientCpu.toFixed(1)} s (same machine)`,
    );
    console.log(
      `Pickup download of it (decrypted, streamed): ${(MB / downSeconds).toFixed(1)} MB/s, ratio ${(MB / downSeconds / raw).toFixed(2)} of raw (goal ≥ 0.5)${same ? '' : ' (DIGEST MISMATCH)'}`,
    );
    if (resetOk)
      console.log(
        `Server peak RSS growth during intake and download: ${(peakRss(child.pid) - rssBefore).toFixed(0)} MB (goal ≤ 64)`,
      );
    if (!same) process.exitCode = 1;
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
