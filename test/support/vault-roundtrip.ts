import type { SubmitMessageResponse } from '@zegel/shared';
import { JobQueue } from '../../server/src/queue/job-queue';
import { cookieFrom, http, jsonRequest, multipart } from './http';
import type { RunningZegel } from './server';

export interface Submitted {
  id: string;
  ceId: string;
  token: string;
}

/** Submits a registered message with one attachment through the API and finds its pickup link. */
export async function submitWithAttachment(
  zegel: RunningZegel,
  address: string,
  attachment: Buffer,
): Promise<Submitted> {
  const form = new FormData();
  form.append(
    'message',
    JSON.stringify({
      classification: 'registered',
      subject: 'Vault round trip',
      recipients: [{ address }],
      text: 'See the attachment.',
    }),
  );
  form.append('attachments', new Blob([new Uint8Array(attachment)]), 'data.bin');
  const { headers, body } = await multipart(form);
  const res = await http(`${zegel.url}/api/v1/messages`, { method: 'POST', headers, body });
  if (res.status !== 201) throw new Error(`intake answered ${res.status}: ${res.text()}`);
  const submitted = res.json<SubmitMessageResponse>();
  await zegel.app.get(JobQueue).drain();
  const outbox = (await http(`${zegel.url}/api/v1/admin/outbox`)).json<
    { id: string; to: string[] }[]
  >();
  const mail = outbox.find((m) => m.to.includes(address));
  if (!mail) throw new Error(`no notification for ${address}`);
  const raw = (await http(`${zegel.url}/api/v1/admin/outbox/${mail.id}`)).text();
  return {
    id: submitted.id,
    ceId: submitted.recipients[0].ceId!,
    token: /\/p\/([A-Za-z0-9_-]{22})/.exec(raw)![1],
  };
}

/** Unlocks the pickup link with the CE-ID and downloads the attachment (decrypted by the server). */
export async function collectAttachment(zegel: RunningZegel, copy: Submitted): Promise<Buffer> {
  const unlock = await http(
    `${zegel.url}/api/v1/pickup/${copy.token}/unlock`,
    jsonRequest({ ceId: copy.ceId }),
  );
  if (unlock.status !== 200) throw new Error(`unlock answered ${unlock.status}`);
  const res = await http(`${zegel.url}/api/v1/pickup/${copy.token}/attachments/0`, {
    headers: { cookie: cookieFrom(unlock) },
  });
  if (res.status !== 200) throw new Error(`download answered ${res.status}: ${res.text()}`);
  return res.body;
}
