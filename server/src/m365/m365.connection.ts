import type { ZegelConfig } from '../config/config';
import { GraphClient } from './graph.client';
import { trustingAgent } from '../common/https.util';
import { M365Identity } from './m365-identity.service';

type M365Settings = NonNullable<ZegelConfig['m365']>;

/** Zegel's link to Microsoft 365: the msal-node client and Graph, sharing one HTTPS agent. */
export class M365Connection {
  constructor(
    readonly settings: M365Settings,
    readonly identity: M365Identity,
    readonly graph: GraphClient,
  ) {}
}

/** The connection when Microsoft 365 is configured; null otherwise. */
export function m365Connection(config: ZegelConfig): M365Connection | null {
  const settings = config.m365;
  if (!settings) return null;
  const agent = trustingAgent(config.smarttls.caFile);
  const graph = new GraphClient(agent, settings.graphUrl);
  return new M365Connection(settings, new M365Identity(settings, agent, graph.defaultScope), graph);
}
