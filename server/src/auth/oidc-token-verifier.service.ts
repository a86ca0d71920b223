import { Injectable, Logger } from '@nestjs/common';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import type { Agent } from 'node:https';
import { httpsRequest, readText, trustingAgent } from '../common/https.util';
import { ZegelError } from '../common/zegel-error';
import { ZegelConfig } from '../config/config';
import { keySourceProblem } from './key-source.util';
import { describeTokenError } from './token-error.util';

/** Asymmetric signatures only: `none` and the HMAC family (HS*) are never accepted. */
export const ACCEPTED_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

const FETCH_TIMEOUT_MS = 5_000;

/**
 * Verifies OpenID Connect / Entra ID access tokens with jose against the issuer's key set. The key
 * set URL (ZEGEL_OIDC_JWKS_URL, else the discovery document's jwks_uri) is looked up on first use
 * and kept; jose refreshes the keys themselves when a token names an unknown key id. Nothing is
 * fetched before the first token arrives, so the server starts while the provider is down.
 */
@Injectable()
export class OidcTokenVerifier {
  private readonly logger = new Logger('auth');
  private keySet?: Promise<JWTVerifyGetKey>;
  /** Only with ZEGEL_CA_FILE: a provider under a private CA (and the tests' provider) is trusted. */
  private readonly agent?: Agent;

  constructor(private readonly config: ZegelConfig) {
    const caFile = config.smarttls?.caFile;
    if (caFile) this.agent = trustingAgent(caFile);
  }

  /** The verified claims, or a ZegelError: UNAUTHENTICATED for the token, SERVICE_UNAVAILABLE for us. */
  async verify(token: string): Promise<JWTPayload> {
    const { issuer, audience, clockToleranceSeconds } = this.config.oidc;
    if (!issuer || !audience) {
      throw new ZegelError('SERVICE_UNAVAILABLE', 'Sign-in is not configured on this server.');
    }
    // Refuse malformed tokens and unaccepted algorithms before any network use.
    let alg: unknown;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw new ZegelError('UNAUTHENTICATED', 'The access token is not a well-formed signed JWT.');
    }
    if (typeof alg !== 'string' || !ACCEPTED_ALGORITHMS.includes(alg)) {
      throw new ZegelError(
        'UNAUTHENTICATED',
        describeTokenError({ code: 'ERR_JOSE_ALG_NOT_ALLOWED' }).reason,
      );
    }
    const keys = await this.keys();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        clockTolerance: clockToleranceSeconds,
        algorithms: ACCEPTED_ALGORITHMS,
      });
      return payload;
    } catch (error) {
      const verdict = describeTokenError(error);
      if (verdict.kind === 'invalid') throw new ZegelError('UNAUTHENTICATED', verdict.reason);
      this.logger.error({ err: error }, verdict.reason);
      throw new ZegelError('SERVICE_UNAVAILABLE', verdict.reason);
    }
  }

  private keys(): Promise<JWTVerifyGetKey> {
    this.keySet ??= this.resolveKeySet().catch((error: unknown) => {
      this.keySet = undefined; // try again on the next request
      this.logger.error({ err: error }, "The identity provider's key set cannot be located.");
      throw new ZegelError(
        'SERVICE_UNAVAILABLE',
        "The identity provider's keys cannot be fetched.",
      );
    });
    return this.keySet;
  }

  private async resolveKeySet(): Promise<JWTVerifyGetKey> {
    const url = this.config.oidc.jwksUrl ?? (await this.discoverJwksUrl());
    const problem = keySourceProblem(url);
    if (problem) throw new Error(`JWKS URL ${problem}`);
    return createRemoteJWKSet(new URL(url), {
      timeoutDuration: FETCH_TIMEOUT_MS,
      ...(this.agent ? { agent: this.agent } : {}),
    });
  }

  private async discoverJwksUrl(): Promise<string> {
    const issuer = this.config.oidc.issuer as string;
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const problem = keySourceProblem(url);
    if (problem) throw new Error(`Discovery URL ${problem}`);
    const document = (await this.fetchJson(url)) as { issuer?: unknown; jwks_uri?: unknown };
    // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if (document.issuer !== issuer) {
      throw new Error(`${url} names issuer ${String(document.issuer)}, expected ${issuer}`);
    }
    if (typeof document.jwks_uri !== 'string') throw new Error(`${url} has no jwks_uri`);
    return document.jwks_uri;
  }

  private async fetchJson(url: string): Promise<unknown> {
    if (this.agent && url.startsWith('https:')) {
      const response = await httpsRequest(this.agent, url, { idleTimeoutMs: FETCH_TIMEOUT_MS });
      const text = await readText(response);
      if (response.statusCode !== 200)
        throw new Error(`${url} answered HTTP ${response.statusCode}`);
      return JSON.parse(text);
    }
    const response = await fetch(url, {
      redirect: 'error',
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    return response.json();
  }
}
