import type { Request, Response } from 'express';

/**
 * The page for an incomplete or malformed pickup link (/p, /p/, /p/a/b): a person followed or
 * typed it, so they get a short page in Dutch and English instead of the API's JSON 404. Plain
 * server-side HTML with no script: it must work even when the page build is missing.
 */
const TEXTS = {
  nl: {
    title: 'Deze link is niet compleet',
    body:
      'De link naar uw bericht is onvolledig of beschadigd. Open de link opnieuw vanuit de e-mail ' +
      'die u kreeg; kopieer hem in zijn geheel als hij over twee regels staat. Lukt het niet, ' +
      'neem dan contact op met de afzender.',
  },
  en: {
    title: 'This link is incomplete',
    body:
      'The link to your message is incomplete or damaged. Open the link again from the e-mail you ' +
      'received; copy all of it if it runs over two lines. If that does not work, contact the ' +
      'sender.',
  },
} as const;

const STYLE =
  'body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#242424;' +
  'background:#fff;line-height:1.5}main{max-width:40rem;margin:0 auto;padding:2rem 1rem}' +
  'h1{font-size:1.5rem;margin:0 0 .5rem}section+section{margin-top:2rem;padding-top:1.5rem;' +
  'border-top:1px solid #d1d1d1}@media (prefers-color-scheme:dark){body{color:#f0f0f0;' +
  'background:#1f1f1f}section+section{border-color:#5c5c5c}}';

export function pickupLinkErrorHtml(first: 'nl' | 'en'): string {
  const order = first === 'nl' ? (['nl', 'en'] as const) : (['en', 'nl'] as const);
  const sections = order
    .map(
      (lang) =>
        `<section lang="${lang}" aria-labelledby="title-${lang}">` +
        `<h${lang === first ? 1 : 2} id="title-${lang}">${TEXTS[lang].title}</h${lang === first ? 1 : 2}>` +
        `<p>${TEXTS[lang].body}</p></section>`,
    )
    .join('');
  return (
    `<!doctype html><html lang="${first}"><head><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex, nofollow">' +
    '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' +
    `<title>${TEXTS[first].title} – Zegel</title><style>${STYLE}</style></head>` +
    `<body><main>${sections}</main></body></html>`
  );
}

/** 404 with the page, its first language chosen by the browser's Accept-Language. */
export function sendPickupLinkError(req: Request, res: Response): void {
  const first = req.acceptsLanguages('nl', 'en') === 'en' ? 'en' : 'nl';
  res
    .status(404)
    .setHeader('Cache-Control', 'no-store')
    .setHeader('Vary', 'Accept-Language')
    .type('html')
    .send(pickupLinkErrorHtml(first));
}
