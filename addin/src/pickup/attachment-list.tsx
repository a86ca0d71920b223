import { Body1Strong, Caption1, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { AttachmentInfo } from '@zegel/shared';
import { formatBytes } from '../common/format';
import type { Language } from '../common/i18n';
import { DigestText } from './digest-text';
import type { PickupTexts } from './messages';

const useStyles = makeStyles({
  list: {
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  name: { overflowWrap: 'anywhere' },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    color: tokens.colorNeutralForeground3,
  },
});

/** Each attachment as a download link with its size and SHA-256. */
export function AttachmentList(props: {
  t: PickupTexts;
  language: Language;
  attachments: AttachmentInfo[];
  urlOf: (index: number) => string;
}) {
  const { t, language } = props;
  const styles = useStyles();
  if (props.attachments.length === 0) return <p>{t.noAttachments}</p>;
  return (
    <ul className={styles.list}>
      {props.attachments.map((attachment) => (
        <li key={attachment.index} className={styles.item}>
          <Link
            href={props.urlOf(attachment.index)}
            download={attachment.name}
            aria-label={t.download(attachment.name)}
            className={styles.name}
          >
            <Body1Strong>{attachment.name}</Body1Strong>
          </Link>
          <span className={styles.meta}>
            <Caption1>{formatBytes(attachment.size, language)}</Caption1>
            <Caption1>{t.sha256}</Caption1>
            <DigestText
              value={attachment.sha256}
              copyLabel={t.copyDigest(attachment.name)}
              copyText={t.copy}
              copiedText={t.copied}
            />
          </span>
        </li>
      ))}
    </ul>
  );
}
