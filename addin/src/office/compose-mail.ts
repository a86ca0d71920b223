/** What the add-in needs from the draft being composed; the Office.js adapter implements it. */

export type AttachmentKind = 'file' | 'item' | 'cloud';

export interface DraftAttachment {
  id: string;
  name: string;
  size: number;
  kind: AttachmentKind;
  isInline: boolean;
  /** An inline attachment's Content-ID, as the body names it (`cid:`); Mailbox 1.16. */
  contentId?: string;
  contentType?: string;
  /** A cloud attachment's sharing link (OneDrive, SharePoint). */
  url?: string;
}

export interface DraftRecipients {
  to: string[];
  cc: string[];
  bcc: string[];
}

export interface ComposeMail {
  /** Whether the client supports the Mailbox requirement set `version` (e.g. "1.8"). */
  supports(version: string): boolean;
  /** The signed-in mailbox's address. */
  userEmail(): string;
  subject(): Promise<string>;
  recipients(): Promise<DraftRecipients>;
  bodyHtml(): Promise<string>;
  attachments(): Promise<DraftAttachment[]>;
  /** The content of one attachment (file: its bytes; item: the message as RFC 822). */
  attachmentContent(attachment: DraftAttachment): Promise<Blob>;
  /** The internet headers by name (absent ones are left out). */
  getHeaders(names: string[]): Promise<Record<string, string>>;
  setHeaders(headers: Record<string, string>): Promise<void>;
  removeHeaders(names: string[]): Promise<void>;
  /** A custom property stored with the item (survives save, read by the send check). */
  getProperty(name: string): Promise<string | undefined>;
  setProperty(name: string, value: string | undefined): Promise<void>;
  categories(): Promise<string[]>;
  addCategories(names: string[]): Promise<void>;
  removeCategories(names: string[]): Promise<void>;
  /**
   * The id (GUID) of the Microsoft Purview sensitivity label on the draft; undefined when it has
   * none or the client lacks Mailbox 1.13.
   */
  sensitivityLabelId?(): Promise<string | undefined>;
  /** Saves the draft so headers and properties persist; resolves with the item id. */
  save(): Promise<string>;
  /** The item id as Microsoft Graph names it (REST v2.0), from the id `save` gave. */
  restId(itemId: string): string;
  /** Closes the compose form (Outlook asks what to do with unsaved changes). */
  close(): void;
  /** Calls `handler` when the recipients change; resolves with a function that stops it. */
  onRecipientsChanged(handler: () => void): Promise<() => void>;
}

/** The Office host the pane runs in: theme colours and language, when Office gives them. */
export interface OfficeHostInfo {
  /** 'Outlook', or null outside Office (a plain browser). */
  host: string | null;
  displayLanguage: string | null;
  theme: { bodyBackgroundColor: string; bodyForegroundColor: string } | null;
  /** Whether the client supports a requirement set (any set name, e.g. NestedAppAuth). */
  supports(name: string, version: string): boolean;
}
