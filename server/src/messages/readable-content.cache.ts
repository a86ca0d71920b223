import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';

/** What the pickup shows of a message's content once decrypted and sanitised. */
export interface ReadableContent {
  subject: string;
  html: string | null;
  /** Remote images the HTML referred to (none is loaded unless the reader asks). */
  remoteImages: number;
  text: string | null;
  body: { html?: string; text?: string };
  attachments: { index: number; name: string; size: number; contentType: string; sha256: string }[];
}

/** Bounds: a few hundred copies being read at once, each for at most a minute. */
const MAX_ENTRIES = 500;
const MAX_BYTES = 64 * 1024 * 1024;
const TTL_MS = 60_000;

/**
 * Decrypted, sanitised content per copy (recipient), so that a recipient's page reloading or many
 * recipients reading at once do not unwrap the key, decrypt and sanitise the body on every request.
 * Entries hold plaintext, so they are bounded in number, bytes and age, and go at once when the
 * content is destroyed on this instance. The reader still checks the database on every request that
 * the copy may be read and the content is stored, so a deletion elsewhere is never served; the age
 * bound limits how long another instance's deletion leaves plaintext in this one's memory.
 */
@Injectable()
export class ReadableContentCache {
  private readonly entries = new LRUCache<string, ReadableContent & { messageId: string }>({
    max: MAX_ENTRIES,
    maxSize: MAX_BYTES,
    sizeCalculation: (c) =>
      2 * ((c.html?.length ?? 0) + (c.text?.length ?? 0) + c.subject.length) + 1024,
    ttl: TTL_MS,
  });
  /** Bumped by every eviction: a fill that started before one is not stored (it may be stale). */
  private generation = 0;
  /**
   * Fills under way, per copy: the many requests that miss at once (a page opened in several tabs,
   * a burst after the entry aged out) wait for one decryption instead of each doing their own.
   * Only requests that arrive before any eviction join a fill; later ones start a new one.
   */
  private readonly filling = new Map<
    string,
    { messageId: string; generation: number; content: Promise<ReadableContent> }
  >();

  /** The cached content of this copy, or else `load`'s, stored unless an eviction raced it. */
  async get(
    copyId: string,
    messageId: string,
    load: () => Promise<ReadableContent>,
  ): Promise<ReadableContent> {
    const hit = this.entries.get(copyId);
    if (hit && hit.messageId === messageId) return hit;
    const started = this.generation;
    const running = this.filling.get(copyId);
    if (running && running.messageId === messageId && running.generation === started)
      return running.content;
    const fill = { messageId, generation: started, content: load() };
    this.filling.set(copyId, fill);
    try {
      const content = await fill.content;
      if (started === this.generation) this.entries.set(copyId, { ...content, messageId });
      return content;
    } finally {
      if (this.filling.get(copyId) === fill) this.filling.delete(copyId);
    }
  }

  /** Drops every copy of this message (its content was destroyed, or a copy's state changed). */
  evictMessage(messageId: string): void {
    this.generation++;
    for (const [copyId, entry] of this.entries.entries())
      if (entry.messageId === messageId) this.entries.delete(copyId);
  }

  /** Drops one copy. */
  evictCopy(copyId: string): void {
    this.generation++;
    this.entries.delete(copyId);
  }
}
