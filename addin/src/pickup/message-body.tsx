import { useCallback, useEffect, useRef } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { PickupTexts } from './messages';

const useStyles = makeStyles({
  frame: {
    display: 'block',
    width: '100%',
    // The height is the content's (measured after load); this is only the height before that.
    height: '6rem',
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    boxSizing: 'border-box',
    // Mail HTML expects a white page whatever the theme of the portal.
    backgroundColor: '#ffffff',
  },
  text: {
    margin: 0,
    padding: tokens.spacingHorizontalM,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase300,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    maxHeight: '70vh',
    overflowY: 'auto',
  },
});

// Readable defaults for a fragment; the server's sanitiser has already removed scripts and
// remote content, and the sandbox keeps the frame from running anything.
const FRAME_HEAD =
  '<!doctype html><html><head><meta charset="utf-8"><style>' +
  'body{margin:12px;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#242424;' +
  'background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>';

export function frameDocument(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `${FRAME_HEAD}${html}</body></html>`;
}

/**
 * The frame's sandbox. No allow-scripts, so nothing in the mail runs, whatever the sanitiser
 * missed. allow-same-origin (safe without allow-scripts: no code inside can use the origin) lets
 * this page measure the content to give the frame its height. allow-popups with
 * allow-popups-to-escape-sandbox: the sanitiser makes every link target="_blank" with
 * rel="noopener noreferrer", so a click opens the site in a normal new tab, with no handle on this
 * page and without the pickup link as referrer; the frame itself cannot navigate anywhere.
 */
export const FRAME_SANDBOX = 'allow-same-origin allow-popups allow-popups-to-escape-sandbox';

/** The frame's height for its content: the document's height plus a horizontal scrollbar. */
function fitToContent(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  const win = frame.contentWindow;
  // Before the srcdoc has loaded, the frame holds an empty document without a root.
  if (!doc?.documentElement || !win) return;
  const content = Math.ceil(doc.documentElement.getBoundingClientRect().height);
  const scrollbar = win.innerHeight - doc.documentElement.clientHeight;
  const border = frame.offsetHeight - frame.clientHeight;
  frame.style.height = `${content + scrollbar + border}px`;
}

/** The HTML body in a sandboxed frame as tall as its content; the text body when there is no HTML. */
export function MessageBody(props: { t: PickupTexts; html: string | null; text: string | null }) {
  const styles = useStyles();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const fit = useCallback(() => frameRef.current && fitToContent(frameRef.current), []);
  // A new width reflows the content: measure again.
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const observer = new ResizeObserver(fit);
    observer.observe(frame);
    return () => observer.disconnect();
  }, [fit, props.html]);
  if (props.html !== null && props.html !== '') {
    // tabIndex: wide content scrolls sideways inside the frame; the keyboard must reach it.
    return (
      <iframe
        ref={frameRef}
        className={styles.frame}
        sandbox={FRAME_SANDBOX}
        srcDoc={frameDocument(props.html)}
        title={props.t.bodyFrameTitle}
        referrerPolicy="no-referrer"
        tabIndex={0}
        onLoad={fit}
      />
    );
  }
  return (
    <pre className={styles.text} tabIndex={0} aria-label={props.t.bodyFrameTitle}>
      {props.text || props.t.noBody}
    </pre>
  );
}
