import { makeStyles, tokens, typographyStyles } from '@fluentui/react-components';
import type { PickupMessageView } from '@zegel/shared';
import { formatTimeWithZone } from './format-time';
import { useFocusOnMount } from '../common/use-focus-on-mount';
import type { Language } from '../common/i18n';
import type { PickupTexts } from './messages';

const useStyles = makeStyles({
  subject: {
    ...typographyStyles.title2,
    overflowWrap: 'anywhere',
    margin: 0,
    outlineStyle: 'none',
  },
  list: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: `${tokens.spacingVerticalM} 0 0`,
  },
  row: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground3 },
  value: { margin: 0, overflowWrap: 'anywhere' },
});

/** Subject as the page heading, then sender and dates as a description list. */
export function MessageHeader(props: {
  t: PickupTexts;
  language: Language;
  view: PickupMessageView;
}) {
  const { t, language, view } = props;
  const styles = useStyles();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const rows: [string, string][] = [
    [t.from, view.sender],
    [t.sent, formatTimeWithZone(view.sentAt, language)],
    [t.availableUntil, formatTimeWithZone(view.expiresAt, language)],
  ];
  return (
    <header>
      <h1 className={styles.subject} ref={headingRef} tabIndex={-1}>
        {view.subject || t.noSubject}
      </h1>
      <dl className={styles.list}>
        {rows.map(([term, value]) => (
          <div key={term} className={styles.row}>
            <dt className={styles.term}>{term}</dt>
            <dd className={styles.value}>{value}</dd>
          </div>
        ))}
      </dl>
    </header>
  );
}
