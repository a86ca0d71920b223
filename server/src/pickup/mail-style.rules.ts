/**
 * The CSS a mail's inline `style` attributes may keep on the pickup page: the sender's layout
 * (colours, fonts, text, borders, spacing, sizes, table layout) and nothing that loads, runs,
 * escapes the frame's flow or overlays the page. A property that is not listed is dropped; a
 * listed property is kept only when its value matches.
 *
 * Values are plain tokens: words, numbers with units, `#rrggbb`, quoted font names and the colour
 * functions rgb()/rgba()/hsl()/hsla(). Any other function (url(), expression(), image-set(),
 * var(), attr(), env(), calc() …), a backslash escape, `@`, `:`, `;`, `<` or `>` fails the match,
 * so `background: url(…)` is dropped whole and `position`, `behavior`, `-moz-binding`, `content`
 * and `z-index` are not listed at all.
 */
const TOKENS = /^(?:[\w\s#%.,/'"+-]|(?:rgba?|hsla?)\([\d\s.,%/+-]*\))*$/i;
const LENGTH = /^(?:auto|0|\d{1,5}(?:\.\d+)?(?:px|pt|em|rem|ex|%|cm|mm|in|vw|ch)?)$/i;
const KEYWORD = /^[a-z-]{1,32}$/i;
const DISPLAY =
  /^(?:none|block|inline|inline-block|table|inline-table|table-row|table-cell|table-row-group|table-header-group|table-footer-group|table-caption|table-column|table-column-group|list-item)$/i;

const byValue = (pattern: RegExp, names: string[]): Record<string, RegExp[]> =>
  Object.fromEntries(names.map((name) => [name, [pattern]]));

const sides = (prefix: string, suffix = '') =>
  ['', '-top', '-right', '-bottom', '-left'].map((side) => `${prefix}${side}${suffix}`);

/** sanitize-html's `allowedStyles` for every tag. */
export const MAIL_STYLE_ALLOW_LIST: Record<string, RegExp[]> = {
  ...byValue(TOKENS, [
    'color',
    'background',
    'background-color',
    'font',
    'font-family',
    'font-size',
    'font-weight',
    'font-style',
    'font-variant',
    'line-height',
    'letter-spacing',
    'word-spacing',
    'text-align',
    'text-decoration',
    'text-decoration-line',
    'text-decoration-color',
    'text-decoration-style',
    'text-indent',
    'text-transform',
    'vertical-align',
    'border-collapse',
    'border-spacing',
    'border-radius',
    'border-color',
    'border-style',
    'border-width',
    ...sides('border'),
    ...sides('border', '-color').slice(1),
    ...sides('border', '-style').slice(1),
    ...sides('border', '-width').slice(1),
    ...sides('padding'),
    ...sides('margin'),
    'list-style-type',
  ]),
  ...byValue(LENGTH, ['width', 'height', 'min-width', 'max-width', 'min-height', 'max-height']),
  ...byValue(KEYWORD, [
    'table-layout',
    'caption-side',
    'empty-cells',
    'white-space',
    'direction',
    'float',
    'clear',
    'overflow-wrap',
    'word-break',
  ]),
  display: [DISPLAY],
};
