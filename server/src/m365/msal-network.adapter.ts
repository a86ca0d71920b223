import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { Agent } from 'node:https';
import { httpsRequest, readText } from '../common/https.util';

/**
 * msal-node's network client over Zegel's HTTPS agent, so token requests trust ZEGEL_CA_FILE as
 * every other outbound TLS connection does (msal's built-in client uses the global fetch, which
 * cannot). Answers are JSON, as msal expects; header names are lower-case.
 */
export class MsalNetwork implements INetworkModule {
  constructor(private readonly agent: Agent) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'GET', options, timeout);
  }

  sendPostRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>(url, 'POST', options);
  }

  private async send<T>(
    url: string,
    method: 'GET' | 'POST',
    options: NetworkRequestOptions = {},
    timeout = 30_000,
  ): Promise<NetworkResponse<T>> {
    const response = await httpsRequest(this.agent, url, {
      method,
      headers: options.headers,
      body: options.body,
      idleTimeoutMs: timeout,
    });
    const text = await readText(response);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(response.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = { error: 'invalid_response', error_description: text.slice(0, 200) };
    }
    return { headers, body: body as T, status: response.statusCode ?? 0 };
  }
}
