import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import type { PickupMessageView } from '@zegel/shared';
import type { PickupTexts } from './messages';

const useStyles = makeStyles({
  list: { margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  term: { color: tokens.colorNeutralForeground3 },
  howTo: {
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    '& code': { fontFamily: tokens.fontFamilyMonospace, overflowWrap: 'anywhere' },
  },
  platform: { color: tokens.colorNeutralForeground3 },
  value: {
    margin: 0,
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    overflowWrap: 'anywhere',
  },
});

/** The digests recorded at sending, under a disclosure: full values, for comparing by hand. */
export function IntegrityProof({ t, view }: { t: PickupTexts; view: PickupMessageView }) {
  const styles = useStyles();
  const rows: [string, string][] = [[t.messageId, view.messageId]];
  if (view.body.html) rows.push([t.htmlDigest, view.body.html]);
  if (view.body.text) rows.push([t.textDigest, view.body.text]);
  for (const attachment of view.attachments) rows.push([attachment.name, attachment.sha256]);
  return (
    <Accordion collapsible>
      <AccordionItem value="integrity">
        <AccordionHeader as="h2">{t.integrity}</AccordionHeader>
        <AccordionPanel>
          <p>{t.integrityExplain}</p>
          <p>{t.integrityHowTo}</p>
          <ul className={styles.howTo}>
            {[t.integrityWindows, t.integrityPowerShell, t.integrityMac, t.integrityLinux].map(
              (line) => (
                <li key={line}>
                  <code>{line.slice(line.indexOf(': ') + 2)}</code>
                  <span className={styles.platform}> — {line.slice(0, line.indexOf(': '))}</span>
                </li>
              ),
            )}
          </ul>
          <p>{t.integrityCompare}</p>
          <p>{t.integrityIntro}</p>
          <dl className={styles.list}>
            {rows.map(([term, value], i) => (
              <div key={i}>
                <dt className={styles.term}>{term}</dt>
                <dd className={styles.value}>{value}</dd>
              </div>
            ))}
          </dl>
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
