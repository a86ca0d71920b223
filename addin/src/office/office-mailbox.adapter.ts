/// <reference types="office-js" />
import { inlineImageTypeOf } from '@zegel/shared';
import type { ComposeMail, DraftAttachment, DraftRecipients, AttachmentKind } from './compose-mail';
import { OfficeError, officeCall } from './office-call';

type ComposeItem = Office.MessageCompose;

function item(): ComposeItem {
  const current = Office.context.mailbox.item as ComposeItem | null | undefined;
  if (!current) throw new OfficeError(undefined, 'No mail is open for composing.');
  return current;
}

function addresses(list: Office.EmailAddressDetails[]): string[] {
  return list.map((r) => r.emailAddress).filter((a): a is string => Boolean(a));
}

function kindOf(type: string): AttachmentKind {
  if (type === 'item') return 'item';
  if (type === 'cloud') return 'cloud';
  return 'file';
}

function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function customProperties(): Promise<Office.CustomProperties> {
  return officeCall<Office.CustomProperties>((cb) => item().loadCustomPropertiesAsync(cb));
}

/** The draft open in Outlook, through Office.js; every call resolves or rejects, never throws. */
export function officeComposeMail(): ComposeMail {
  return {
    supports: (version) => Office.context.requirements.isSetSupported('Mailbox', version),
    userEmail: () => Office.context.mailbox.userProfile.emailAddress,
    subject: () => officeCall<string>((cb) => item().subject.getAsync(cb)),
    async recipients(): Promise<DraftRecipients> {
      const [to, cc, bcc] = await Promise.all(
        (['to', 'cc', 'bcc'] as const).map((field) =>
          officeCall<Office.EmailAddressDetails[]>((cb) => item()[field].getAsync(cb)),
        ),
      );
      return { to: addresses(to), cc: addresses(cc), bcc: addresses(bcc) };
    },
    bodyHtml: () => officeCall<string>((cb) => item().body.getAsync(Office.CoercionType.Html, cb)),
    async attachments(): Promise<DraftAttachment[]> {
      const list = await officeCall<Office.AttachmentDetailsCompose[]>((cb) =>
        item().getAttachmentsAsync(cb),
      );
      return list.map((a) => {
        // Office reports no type for a draft's attachments; the pickup shows only image parts inline.
        const imageType = a.isInline ? inlineImageTypeOf(a.name) : undefined;
        return {
          id: a.id,
          name: a.name,
          size: a.size,
          kind: kindOf(String(a.attachmentType)),
          isInline: a.isInline,
          ...(a.isInline && a.contentId ? { contentId: a.contentId } : {}),
          ...(imageType ? { contentType: imageType } : {}),
          ...(a.url ? { url: a.url } : {}),
        };
      });
    },
    async attachmentContent(attachment) {
      const content = await officeCall<Office.AttachmentContent>((cb) =>
        item().getAttachmentContentAsync(attachment.id, cb),
      );
      const format = String(content.format);
      if (format === 'base64')
        return new Blob([base64ToBytes(content.content)], {
          type: attachment.contentType ?? 'application/octet-stream',
        });
      if (format === 'eml') return new Blob([content.content], { type: 'message/rfc822' });
      if (format === 'iCalendar') return new Blob([content.content], { type: 'text/calendar' });
      throw new OfficeError('CloudAttachment', `${attachment.name} is a link, not a file.`);
    },
    async sensitivityLabelId() {
      if (!Office.context.requirements.isSetSupported('Mailbox', '1.13')) return undefined;
      const id = await officeCall<string>((cb) => item().sensitivityLabel.getAsync(cb));
      return id ? id.toLowerCase() : undefined;
    },
    getHeaders: (names) =>
      officeCall<Record<string, string>>((cb) => item().internetHeaders.getAsync(names, cb)),
    setHeaders: (headers) => officeCall<void>((cb) => item().internetHeaders.setAsync(headers, cb)),
    removeHeaders: (names) =>
      officeCall<void>((cb) => item().internetHeaders.removeAsync(names, cb)),
    async getProperty(name) {
      const value: unknown = (await customProperties()).get(name);
      return typeof value === 'string' ? value : undefined;
    },
    async setProperty(name, value) {
      const properties = await customProperties();
      if (value === undefined) properties.remove(name);
      else properties.set(name, value);
      await officeCall<void>((cb) => properties.saveAsync(cb));
    },
    async categories() {
      const list = await officeCall<Office.CategoryDetails[]>((cb) =>
        item().categories.getAsync(cb),
      );
      return (list ?? []).map((c) => c.displayName);
    },
    addCategories: (names) => officeCall<void>((cb) => item().categories.addAsync(names, cb)),
    removeCategories: (names) => officeCall<void>((cb) => item().categories.removeAsync(names, cb)),
    save: () => officeCall<string>((cb) => item().saveAsync(cb)),
    restId: (itemId) =>
      Office.context.mailbox.convertToRestId(itemId, Office.MailboxEnums.RestVersion.v2_0),
    close: () => item().close(),
    async onRecipientsChanged(handler) {
      const mailbox = item();
      await officeCall<void>((cb) =>
        mailbox.addHandlerAsync(Office.EventType.RecipientsChanged, handler, cb),
      );
      return () => mailbox.removeHandlerAsync(Office.EventType.RecipientsChanged);
    },
  };
}
