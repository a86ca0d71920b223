import { contentIdOfCidUrl, INLINE_IMAGE_TYPES } from '@zegel/shared';
import sanitizeHtml from 'sanitize-html';
import { MAIL_STYLE_ALLOW_LIST } from './mail-style.rules';

/** What the pickup page shows of an HTML body, and what it left out. */
export interface SanitisedMail {
  html: string;
  /** Images on other servers that the mail referred to; none is loaded unless the reader asks. */
  remoteImages: number;
}

/**
 * Marks on an `<img>` that the page turns into a `src`: a part of this message (served by the
 * pickup API to this copy's session only), or a remote image the reader chose to load. The
 * sanitiser writes them itself and drops any the mail brought along.
 */
export const INLINE_PART_ATTRIBUTE = 'data-zegel-part';
export const REMOTE_IMAGE_ATTRIBUTE = 'data-zegel-remote';

const DATA_IMAGE = new RegExp(
  `^data:(?:${INLINE_IMAGE_TYPES.map((t) => t.replace('/', '\\/')).join('|')});base64,[a-z0-9+/=\\s]+$`,
  'i',
);
// Only URLs that a Content-Security-Policy source list can name unchanged may be loaded later.
const LOADABLE_REMOTE = /^https:\/\/[a-z0-9.-]+(?::\d{1,5})?\/[\x21-\x7e]*$/i;
const CSP_BREAKING = /[;,'"\\]/;

const TABLE_CELL = [
  'colspan',
  'rowspan',
  'align',
  'valign',
  'width',
  'height',
  'bgcolor',
  'nowrap',
];

/**
 * Mail HTML made safe to show, keeping the sender's layout: inline styles within an allow-list of
 * CSS properties (mail-style.rules.ts), table borders and layout attributes, images that are parts
 * of the message (`cid:`) or `data:` URLs. No scripts, forms, frames, event handlers, style sheets
 * or remote content: remote images are counted and kept aside for the reader to load on request;
 * remote style sheets and background images are dropped. Links open outside the page. The pickup
 * page also shows the result in a sandboxed frame, so this is the first of two walls.
 *
 * `inlineParts` maps the content IDs of this message's inline image parts to their part index.
 */
export function sanitizeMailHtml(
  html: string,
  inlineParts: ReadonlyMap<string, number> = new Map(),
): SanitisedMail {
  let remoteImages = 0;
  const image = (attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes => {
    const src = (attribs.src ?? '').trim();
    const kept: sanitizeHtml.Attributes = {};
    for (const name of ['alt', 'title', 'width', 'height', 'style', 'border', 'align'])
      if (attribs[name] !== undefined) kept[name] = attribs[name];
    const contentId = contentIdOfCidUrl(src);
    if (contentId !== null) {
      const part = inlineParts.get(contentId);
      if (part !== undefined) kept[INLINE_PART_ATTRIBUTE] = String(part);
    } else if (DATA_IMAGE.test(src)) {
      kept.src = src;
    } else if (/^(?:https?:)?\/\//i.test(src)) {
      remoteImages++;
      if (LOADABLE_REMOTE.test(src) && !CSP_BREAKING.test(src)) kept[REMOTE_IMAGE_ATTRIBUTE] = src;
    }
    return kept;
  };
  const clean = sanitizeHtml(html, {
    allowedTags: [
      'a',
      'abbr',
      'b',
      'blockquote',
      'br',
      'caption',
      'center',
      'code',
      'col',
      'colgroup',
      'dd',
      'div',
      'dl',
      'dt',
      'em',
      'font',
      'h1',
      'h2',
      'h3',
      'h4',
      'h5',
      'h6',
      'hr',
      'i',
      'img',
      'li',
      'ol',
      'p',
      'pre',
      'q',
      's',
      'small',
      'span',
      'strike',
      'strong',
      'sub',
      'sup',
      'table',
      'tbody',
      'td',
      'tfoot',
      'th',
      'thead',
      'tr',
      'u',
      'ul',
    ],
    allowedAttributes: {
      a: ['href', 'title', 'target', 'rel'],
      img: [
        'src',
        'alt',
        'title',
        'width',
        'height',
        'border',
        'align',
        INLINE_PART_ATTRIBUTE,
        REMOTE_IMAGE_ATTRIBUTE,
      ],
      td: TABLE_CELL,
      th: TABLE_CELL,
      tr: ['align', 'valign', 'bgcolor', 'height'],
      col: ['span', 'width', 'align', 'valign'],
      colgroup: ['span', 'width', 'align', 'valign'],
      table: ['border', 'cellpadding', 'cellspacing', 'width', 'height', 'align', 'bgcolor'],
      font: ['color', 'size', 'face'],
      p: ['align'],
      div: ['align'],
      h1: ['align'],
      h2: ['align'],
      h3: ['align'],
      hr: ['width', 'size', 'align', 'noshade'],
      '*': ['dir', 'lang', 'style'],
    },
    allowedStyles: { '*': MAIL_STYLE_ALLOW_LIST },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    // A whole document's head (its title, style sheets) is not text to show.
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head'],
    transformTags: {
      // Every link opens in a new tab: the pickup page's frame sandbox allows only that kind of
      // navigation. noopener: the new page gets no handle on the pickup page; noreferrer: the
      // pickup link (its token) is not sent to the site. These override what the mail says.
      a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer' }),
      img: (tagName, attribs) => ({ tagName, attribs: image(attribs) }),
    },
    exclusiveFilter: (frame) =>
      frame.tag === 'img' &&
      frame.attribs.src === undefined &&
      frame.attribs[INLINE_PART_ATTRIBUTE] === undefined &&
      frame.attribs[REMOTE_IMAGE_ATTRIBUTE] === undefined,
  });
  return { html: clean, remoteImages };
}
