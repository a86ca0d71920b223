import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server } from 'node:net';
import * as dnsPacket from 'dns-packet';
import { DnsClient } from './dns.client';

/**
 * A tiny resolver on loopback: over UDP it answers TLSA questions truncated (so the client must
 * retry over TCP) and `bogus.test` with SERVFAIL plus extended error 6; over TCP it answers in full.
 */
async function startResolver(): Promise<{ port: number; close: () => Promise<void> }> {
  for (;;) {
    const udp: UdpSocket = createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    const port = udp.address().port;
    const tcp: Server = createServer((socket) => {
      socket.on('data', (data) => {
        const query = dnsPacket.streamDecode(data);
        socket.end(dnsPacket.streamEncode(answer(query, false)));
      });
    });
    const ok = await new Promise<boolean>((resolve) => {
      tcp.once('error', () => resolve(false));
      tcp.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (!ok) {
      udp.close();
      continue;
    }
    udp.on('message', (message, peer) => {
      const query = dnsPacket.decode(message);
      udp.send(dnsPacket.encode(answer(query, true)), peer.port, peer.address);
    });
    return {
      port,
      close: async () => {
        udp.close();
        await new Promise((r) => tcp.close(r));
      },
    };
  }
}

function answer(query: dnsPacket.Packet, udp: boolean): dnsPacket.Packet {
  const question = query.questions![0];
  const base = { type: 'response' as const, id: query.id, questions: query.questions };
  if (question.name === 'bogus.test') {
    return {
      ...base,
      flags: dnsPacket.RECURSION_DESIRED | 2, // rcode SERVFAIL
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: 1232,
          options: [{ code: 15, data: Buffer.concat([Buffer.from([0, 6]), Buffer.from('sig')]) }],
        } as never,
      ],
    };
  }
  if (udp) return { ...base, flags: dnsPacket.TRUNCATED_RESPONSE | dnsPacket.RECURSION_DESIRED };
  return {
    ...base,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
    answers: [
      {
        type: 'TLSA',
        name: question.name,
        ttl: 120,
        data: { usage: 3, selector: 1, matchingType: 1, certificate: Buffer.from('abcd', 'hex') },
      } as never,
    ],
  };
}

describe('DnsClient', () => {
  let resolver: { port: number; close: () => Promise<void> };
  beforeAll(async () => {
    resolver = await startResolver();
  });
  afterAll(async () => {
    await resolver.close();
  });

  it('retries a truncated answer over TCP and reads AD and the records', async () => {
    const client = new DnsClient({ host: '127.0.0.1', port: resolver.port });
    const result = await client.query('_25._tcp.mx.example.test', 'TLSA');
    expect(result).toMatchObject({ rcode: 'NOERROR', status: 'secure', ttl: 120 });
    expect(result.records[0].data).toMatchObject({ usage: 3, selector: 1, matchingType: 1 });
  });

  it('reads SERVFAIL with extended DNS error 6 as bogus', async () => {
    const client = new DnsClient({ host: '127.0.0.1', port: resolver.port });
    const result = await client.query('bogus.test', 'A');
    expect(result).toMatchObject({
      rcode: 'SERVFAIL',
      status: 'bogus',
      ede: { code: 6, text: 'sig' },
    });
  });

  it('reports a resolver that does not answer as an error', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((r) => silent.bind(0, '127.0.0.1', r));
    try {
      const client = new DnsClient({
        host: '127.0.0.1',
        port: silent.address().port,
        timeoutMs: 50,
      });
      await expect(client.query('example.test', 'MX')).resolves.toMatchObject({
        status: 'error',
        rcode: 'TIMEOUT',
      });
    } finally {
      silent.close();
    }
  });
});
