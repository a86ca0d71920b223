import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { frameDocument } from './frame-document';
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
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
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

/** What the body needs from the page: the text, and where this message's inline images are. */
export interface MessageBodyProps {
  t: PickupTexts;
  html: string | null;
  text: string | null;
  /** Remote images the server left out (the reader may load them). */
  remoteImages: number;
  partUrl: (index: number) => string;
}

/**
 * The HTML body in a sandboxed frame as tall as its content; the text body when there is no HTML.
 * Remote images stay out until the reader asks for them; the frame is then built again with them.
 */
export function MessageBody(props: MessageBodyProps) {
  const { t, html, partUrl } = props;
  const styles = useStyles();
  const frameRef = useRef<HTMLIFrameElement>(null);
  const [showRemote, setShowRemote] = useState(false);
  const fit = useCallback(() => frameRef.current && fitToContent(frameRef.current), []);
  const srcDoc = useMemo(
    () => (html ? frameDocument(html, { partUrl, showRemote }) : ''),
    [html, partUrl, showRemote],
  );
  // A new width reflows the content: measure again.
  useEffect(() => {
    const frame = frameRef.current;
    if (!frame) return;
    const observer = new ResizeObserver(fit);
    observer.observe(frame);
    return () => observer.disconnect();
  }, [fit, srcDoc]);
  if (html === null || html === '') {
    return (
      <pre className={styles.text} tabIndex={0} aria-label={t.bodyFrameTitle}>
        {props.text || t.noBody}
      </pre>
    );
  }
  // tabIndex: wide content scrolls sideways inside the frame; the keyboard must reach it.
  return (
    <div className={styles.body}>
      {props.remoteImages > 0 && (
        <div role="status">
          {showRemote ? (
            <MessageBar intent="info">
              <MessageBarBody>{t.remoteImagesShown}</MessageBarBody>
            </MessageBar>
          ) : (
            <MessageBar intent="info" layout="multiline">
              <MessageBarBody>{t.remoteImages(props.remoteImages)}</MessageBarBody>
              <MessageBarActions>
                <Button appearance="secondary" onClick={() => setShowRemote(true)}>
                  {t.showRemoteImages}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
        </div>
      )}
      <iframe
        ref={frameRef}
        className={styles.frame}
        sandbox={FRAME_SANDBOX}
        srcDoc={srcDoc}
        title={t.bodyFrameTitle}
        referrerPolicy="no-referrer"
        tabIndex={0}
        onLoad={fit}
      />
    </div>
  );
}
