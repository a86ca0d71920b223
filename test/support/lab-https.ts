import { createServer, type Server } from 'node:https';
import { createSecureContext, type SecureContext } from 'node:tls';

export interface LabPolicySite {
  /** Served name, e.g. mta-sts.example.test. */
  name: string;
  key: string;
  /** Certificate chain PEM for the name. */
  chain: string;
  /** Body of /.well-known/mta-sts.txt; `status` and `contentType` to misbehave. */
  body: string;
  status?: number;
  contentType?: string;
  location?: string;
}

export interface LabHttps {
  address: string;
  port: number;
  /** Requests seen, by host name, to prove what was (not) fetched. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** One HTTPS server for every MTA-STS policy host in the lab, choosing the certificate by SNI. */
export async function startLabHttps(
  address: string,
  port: number,
  sites: LabPolicySite[],
): Promise<LabHttps> {
  const contexts = new Map<string, SecureContext>(
    sites.map((s) => [s.name, createSecureContext({ key: s.key, cert: s.chain })]),
  );
  const hits = new Map<string, number>();
  const [first] = sites;
  const server: Server = createServer(
    {
      key: first.key,
      cert: first.chain,
      SNICallback: (name, cb) => cb(null, contexts.get(name) ?? contexts.get(first.name)!),
    },
    (req, res) => {
      const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
      hits.set(host, (hits.get(host) ?? 0) + 1);
      const site = sites.find((s) => s.name === host);
      if (!site || req.url !== '/.well-known/mta-sts.txt') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(site.status ?? 200, {
        'content-type': site.contentType ?? 'text/plain',
        ...(site.location ? { location: site.location } : {}),
      });
      res.end(site.body);
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => resolve());
  });
  return {
    address,
    port,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
