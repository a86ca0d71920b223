import { makeStyles, tokens } from '@fluentui/react-components';
import type { PickupTexts } from './messages';

const useStyles = makeStyles({
  frame: {
    display: 'block',
    width: '100%',
    height: 'min(60vh, 600px)',
    minHeight: '280px',
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
// remote content, and the empty sandbox keeps the frame from running anything or reaching us.
const FRAME_HEAD =
  '<!doctype html><html><head><meta charset="utf-8"><style>' +
  'body{margin:12px;font-family:system-ui,-apple-system,"Segoe UI",sans-serif;color:#242424;' +
  'background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}</style></head><body>';

export function frameDocument(html: string): string {
  return /<html[\s>]/i.test(html) ? html : `${FRAME_HEAD}${html}</body></html>`;
}

/** The HTML body in an empty-sandbox frame; the text body when there is no HTML. */
export function MessageBody(props: { t: PickupTexts; html: string | null; text: string | null }) {
  const styles = useStyles();
  if (props.html !== null && props.html !== '') {
    return (
      <iframe
        className={styles.frame}
        sandbox=""
        srcDoc={frameDocument(props.html)}
        title={props.t.bodyFrameTitle}
        referrerPolicy="no-referrer"
      />
    );
  }
  return (
    <pre className={styles.text} tabIndex={0} aria-label={props.t.bodyFrameTitle}>
      {props.text || props.t.noBody}
    </pre>
  );
}
