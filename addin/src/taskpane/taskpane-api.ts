import {
  BUILT_IN_CLASSIFICATIONS,
  type ClassificationInfo,
  type GraphIntakeRequest,
  type GraphIntakeSettings,
  type MessageStatusResponse,
  type MessageSummary,
  type NewCodeResponse,
  type RevokeResponse,
  type PreflightRequest,
  type PreflightResponse,
  type SubmitMessageResponse,
} from '@zegel/shared';
import { ApiError, toApiError } from '../common/api-client';

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
}

export type TokenSource = () => Promise<string | null>;

/** The Zegel API as the task pane uses it: every call carries the user's token when there is one. */
export class TaskpaneApi {
  constructor(
    private readonly token: TokenSource,
    private readonly base = '',
  ) {}

  private async authorization(): Promise<Record<string, string>> {
    const token = await this.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
  }

  private async json<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      ...(await this.authorization()),
    };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: init.method ?? 'GET',
        headers,
        credentials: 'same-origin',
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
      });
    } catch (error) {
      throw new ApiError(0, undefined, error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as T;
  }

  me(): Promise<SignedInUser> {
    return this.json('/api/v1/me');
  }

  /** The organisation's labels; the built-in ones while the server has no list of its own. */
  async classifications(): Promise<readonly ClassificationInfo[]> {
    try {
      const list = await this.json<ClassificationInfo[]>('/api/v1/classifications');
      return Array.isArray(list) && list.length ? list : BUILT_IN_CLASSIFICATIONS;
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return BUILT_IN_CLASSIFICATIONS;
      throw error;
    }
  }

  /** Whether Zegel can fetch drafts through Microsoft Graph; off when the server does not say. */
  async graphIntake(): Promise<GraphIntakeSettings> {
    try {
      return await this.json<GraphIntakeSettings>('/api/v1/m365/intake');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return { enabled: false, minBytes: 0 };
      throw error;
    }
  }

  /** Hands Zegel the saved draft to fetch through Graph on the user's behalf. */
  submitDraft(request: GraphIntakeRequest): Promise<SubmitMessageResponse> {
    return this.json('/api/v1/m365/intake', { method: 'POST', body: request });
  }

  preflight(request: PreflightRequest): Promise<PreflightResponse> {
    return this.json('/api/v1/policy/preflight', { method: 'POST', body: request });
  }

  list(limit = 20): Promise<MessageSummary[]> {
    return this.json(`/api/v1/messages?limit=${limit}`);
  }

  status(id: string): Promise<MessageStatusResponse> {
    return this.json(`/api/v1/messages/${encodeURIComponent(id)}`);
  }

  /** Withdraws a message nobody has opened yet: the links die and the content is destroyed. */
  revoke(id: string): Promise<RevokeResponse> {
    return this.json(`/api/v1/messages/${encodeURIComponent(id)}/revoke`, {
      method: 'POST',
      body: {},
    });
  }

  /** A new CE-ID for one recipient; the old one stops working. */
  newCode(id: string, address: string): Promise<NewCodeResponse> {
    return this.json(
      `/api/v1/messages/${encodeURIComponent(id)}/recipients/${encodeURIComponent(address)}/new-code`,
      { method: 'POST', body: {} },
    );
  }

  /** Posts the multipart message; XMLHttpRequest because fetch reports no upload progress. */
  async submit(
    form: FormData,
    onProgress: (sent: number, total: number) => void,
  ): Promise<SubmitMessageResponse> {
    const headers = await this.authorization();
    return new Promise<SubmitMessageResponse>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', `${this.base}/api/v1/messages`);
      xhr.setRequestHeader('Accept', 'application/json');
      for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
      xhr.upload.onprogress = (event) => {
        if (event.lengthComputable) onProgress(event.loaded, event.total);
      };
      xhr.onerror = () => reject(new ApiError(0, undefined, 'The server could not be reached.'));
      xhr.onload = () => {
        const response = new Response(xhr.responseText || null, {
          status: xhr.status,
          headers: { 'Content-Type': xhr.getResponseHeader('Content-Type') ?? 'text/plain' },
        });
        if (xhr.status >= 200 && xhr.status < 300)
          response.json().then((body) => resolve(body as SubmitMessageResponse), reject);
        else toApiError(response).then(reject, reject);
      };
      xhr.send(form);
    });
  }
}
