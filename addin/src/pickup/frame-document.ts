/**
 * The document of the message frame, built from the server's sanitised HTML. The server has already
 * removed scripts and remote content and marked images instead of giving them a `src`:
 * `data-zegel-part` for an image that is a part of this message (served by the pickup API to this
 * session), `data-zegel-remote` for an image on another server. Here those marks become sources,
 * remote ones only when the reader asked for them, and the frame gets a Content Security Policy
 * of its own that names exactly what it may load: this origin (the message's parts), data: images,
 * and the remote images the reader chose to see. A srcdoc frame also keeps the page's policy, so
 * both must allow a load.
 */
const PART = 'data-zegel-part';
const REMOTE = 'data-zegel-remote';

// Readable defaults for a mail; the sender's inline styles override them.
const FRAME_STYLE =
  'body{margin:12px;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#242424;' +
  'background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}' +
  'a{color:#0f6cbd}';

export interface FrameImages {
  /** The URL of the message part with this index (an inline `cid:` image). */
  partUrl: (index: number) => string;
  /** Whether the reader asked to load the remote images. */
  showRemote: boolean;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** The frame's own policy: nothing runs, nothing is fetched but these images and inline styles. */
export function frameCsp(remote: string[]): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    ['img-src', "'self'", 'data:', ...remote].join(' '),
  ].join('; ');
}

export function frameDocument(html: string, images: FrameImages): string {
  const doc = new DOMParser().parseFromString(
    `<!doctype html><html><body>${html}</body></html>`,
    'text/html',
  );
  const remote = new Set<string>();
  for (const img of Array.from(doc.querySelectorAll('img'))) {
    // Only the server's marks give a source; whatever else an img carries is not trusted here.
    img.removeAttribute('src');
    img.removeAttribute('srcset');
    const part = img.getAttribute(PART);
    const url = img.getAttribute(REMOTE);
    if (part !== null && /^\d{1,4}$/.test(part)) {
      img.setAttribute('src', images.partUrl(Number(part)));
    } else if (url !== null && images.showRemote && /^https:\/\/[^\s;,'"\\]+$/.test(url)) {
      img.setAttribute('src', url);
      img.setAttribute('referrerpolicy', 'no-referrer');
      remote.add(url);
    }
    img.removeAttribute(PART);
    img.removeAttribute(REMOTE);
  }
  return (
    '<!doctype html><html><head><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(frameCsp([...remote]))}">` +
    `<style>${FRAME_STYLE}</style></head><body>${doc.body.innerHTML}</body></html>`
  );
}
