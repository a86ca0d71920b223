import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { randomInt } from 'node:crypto';
import * as dnsPacket from 'dns-packet';
import type { DnssecStatus } from '../smarttls.types';
import { dnssecStatus } from './dns-status.util';

export type RecordType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'TLSA';

export interface DnsRecord {
  name: string;
  type: string;
  ttl: number;
  data: unknown;
}

export interface DnsResult {
  rcode: string;
  status: DnssecStatus;
  /** The records of the asked type (after any CNAME the resolver followed). */
  records: DnsRecord[];
  /** The shortest TTL among the records, or the negative-caching time for an empty answer. */
  ttl: number;
  ede?: { code: number; text: string };
  problem?: string;
}

export interface DnsClientOptions {
  host: string;
  port: number;
  timeoutMs?: number;
}

/** The text of a TXT record: its character strings joined. */
export const txtString = (record: { data: unknown }): string =>
  (Array.isArray(record.data) ? record.data : [record.data]).map((part) => String(part)).join('');

const NEGATIVE_TTL = 300;
const EDE_OPTION = 15;

/**
 * Speaks DNS to one validating resolver with the DO bit and AD set, UDP first and TCP when the
 * answer is truncated. Node's own `dns` module offers neither TLSA nor the AD flag.
 */
export class DnsClient {
  constructor(private readonly options: DnsClientOptions) {}

  async query(name: string, type: RecordType): Promise<DnsResult> {
    const id = randomInt(0, 65536);
    const request = dnsPacket.encode({
      type: 'query',
      id,
      flags: dnsPacket.RECURSION_DESIRED | dnsPacket.AUTHENTIC_DATA,
      questions: [{ type, name, class: 'IN' }],
      additionals: [
        {
          type: 'OPT',
          name: '.',
          udpPayloadSize: 1232,
          flags: dnsPacket.DNSSEC_OK,
          options: [],
        } as never,
      ],
    });
    let response: dnsPacket.Packet;
    try {
      response = await this.udp(request, id);
      if (response.flags !== undefined && response.flags & dnsPacket.TRUNCATED_RESPONSE) {
        response = await this.tcp(request, id);
      }
    } catch (error) {
      return {
        rcode: 'TIMEOUT',
        status: 'error',
        records: [],
        ttl: 0,
        problem: error instanceof Error ? error.message : String(error),
      };
    }
    return this.toResult(response, type);
  }

  private toResult(response: dnsPacket.Packet, type: RecordType): DnsResult {
    const rcode = (response as { rcode?: string }).rcode ?? 'NOERROR';
    const ad = ((response.flags ?? 0) & dnsPacket.AUTHENTIC_DATA) !== 0;
    let ede: DnsResult['ede'];
    for (const extra of response.additionals ?? []) {
      if (extra.type !== 'OPT') continue;
      for (const option of (extra as { options?: { code: number; data?: Buffer }[] }).options ??
        []) {
        if (option.code === EDE_OPTION && option.data && option.data.length >= 2) {
          ede = {
            code: option.data.readUInt16BE(0),
            text: option.data.subarray(2).toString('utf8'),
          };
        }
      }
    }
    const records = (response.answers ?? [])
      .filter((a) => a.type === type)
      .map((a) => ({
        name: a.name,
        type: a.type,
        ttl: (a as { ttl?: number }).ttl ?? 0,
        data: (a as { data: unknown }).data,
      }));
    const ttl = records.length ? Math.min(...records.map((r) => r.ttl)) : NEGATIVE_TTL;
    return { rcode, status: dnssecStatus(rcode, ad, ede?.code), records, ttl, ede };
  }

  private udp(request: Buffer, id: number): Promise<dnsPacket.Packet> {
    const timeoutMs = this.options.timeoutMs ?? 3000;
    const family = this.options.host.includes(':') ? 'udp6' : 'udp4';
    return new Promise((resolve, reject) => {
      const socket = createSocket(family);
      let tries = 0;
      const send = () => {
        tries++;
        socket.send(request, this.options.port, this.options.host);
      };
      const timer = setInterval(() => {
        if (tries >= 2) {
          finish(
            new Error(`no answer from the DNS resolver ${this.options.host}:${this.options.port}`),
          );
        } else send();
      }, timeoutMs);
      let done = false;
      const finish = (error: Error | null, packet?: dnsPacket.Packet) => {
        if (done) return;
        done = true;
        clearInterval(timer);
        socket.close();
        if (error) reject(error);
        else resolve(packet!);
      };
      socket.on('error', (error) => finish(error));
      socket.on('message', (message) => {
        try {
          const packet = dnsPacket.decode(message);
          if (packet.id === id) finish(null, packet);
        } catch {
          // A malformed datagram is ignored; the timer ends the wait.
        }
      });
      send();
    });
  }

  private tcp(request: Buffer, id: number): Promise<dnsPacket.Packet> {
    const timeoutMs = this.options.timeoutMs ?? 3000;
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.options.host, port: this.options.port });
      let buffered = Buffer.alloc(0);
      socket.setTimeout(timeoutMs * 2, () => socket.destroy(new Error('DNS over TCP timed out')));
      socket.on('connect', () => socket.write(dnsPacket.streamEncode(dnsPacket.decode(request))));
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length >= 2 && buffered.length >= buffered.readUInt16BE(0) + 2) {
          socket.end();
          try {
            const packet = dnsPacket.streamDecode(buffered);
            if (packet.id !== id) reject(new Error('DNS over TCP answered another query'));
            else resolve(packet);
          } catch (error) {
            reject(error as Error);
          }
        }
      });
      socket.on('error', reject);
    });
  }
}
