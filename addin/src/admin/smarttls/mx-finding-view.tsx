import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useTexts } from '../admin-language';
import { ScrollArea } from '../scroll-area';
import { formatWhen } from '../when';
import type { MxFinding } from './smarttls-report';
import { ReasonList } from './reason-list';
import { SMARTTLS_TEXTS } from './smarttls.texts';

const useStyles = makeStyles({
  root: {
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalM,
    marginTop: tokens.spacingVerticalL,
  },
  heading: {
    margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalS}`,
    overflowWrap: 'anywhere',
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    '& dt': { fontWeight: tokens.fontWeightSemibold },
    '& dd': { margin: 0, overflowWrap: 'anywhere' },
  },
  table: { tableLayout: 'auto', minWidth: '420px' },
});

/** One address of one MX host, as Internet.nl shows a mail server: each test with its grade. */
export function MxFindingView({ finding }: { finding: MxFinding }) {
  const t = useTexts(SMARTTLS_TEXTS);
  const styles = useStyles();
  const title = t.server(finding.host, finding.address);
  const cert = finding.certificate;
  const leaf = cert?.chain[0];
  const tested = finding.versions.filter((v) => v.supported !== false);
  return (
    <section className={styles.root} aria-label={title} data-testid="smarttls-mx">
      <h4 className={styles.heading}>{title}</h4>
      <dl className={styles.facts}>
        <dt>{t.preference}</dt>
        <dd>{finding.preference}</dd>
        <dt>{t.starttls}</dt>
        <dd>
          {t.starttlsState[finding.starttls]}
          {finding.smtpReply && ` (${finding.smtpReply})`}
        </dd>
        <dt>{t.overallGrade}</dt>
        <dd>{finding.grade ? t.grades[finding.grade] : t.notApplicable}</dd>
        <dt>{t.policy}</dt>
        <dd>{t.passes(finding.passes)}</dd>
        <dt>{t.dane}</dt>
        <dd>
          {[
            t.daneState[finding.dane.state],
            t.daneMatched(finding.dane.matched),
            finding.dane.problem,
          ]
            .filter(Boolean)
            .join(', ')}
        </dd>
        <dt>{t.mtaStsMatch}</dt>
        <dd>{finding.mtaStsMatch === null ? t.notApplicable : t.yesNo(finding.mtaStsMatch)}</dd>
      </dl>
      {finding.reasons.length > 0 && <ReasonList reasons={finding.reasons} />}

      {tested.length > 0 && <h5 className={styles.heading}>{t.versions}</h5>}
      {tested.length > 0 && (
        <ScrollArea label={`${t.versions}: ${finding.host}`}>
          <Table aria-label={`${t.versions}: ${title}`} size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.version}</TableHeaderCell>
                <TableHeaderCell>{t.supported}</TableHeaderCell>
                <TableHeaderCell>{t.grade}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {finding.versions.map((v) => (
                <TableRow key={v.version}>
                  <TableCell>{v.version}</TableCell>
                  <TableCell>{t.yesNo(v.supported)}</TableCell>
                  <TableCell>{v.supported ? t.grades[v.grade] : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollArea>
      )}

      {finding.ciphers.length > 0 && <h5 className={styles.heading}>{t.suites}</h5>}
      {finding.ciphers.length > 0 && (
        <ScrollArea label={`${t.suites}: ${finding.host}`}>
          <Table aria-label={`${t.suites}: ${title}`} size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.suite}</TableHeaderCell>
                <TableHeaderCell>{t.version}</TableHeaderCell>
                <TableHeaderCell>{t.grade}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {finding.ciphers.map((c) => (
                <TableRow key={`${c.version}-${c.name}`}>
                  <TableCell>{c.name}</TableCell>
                  <TableCell>{c.version}</TableCell>
                  <TableCell>{t.grades[c.grade]}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollArea>
      )}

      <h5 className={styles.heading}>{t.certificate}</h5>
      {cert && leaf ? (
        <dl className={styles.facts}>
          <dt>{t.subject}</dt>
          <dd>{leaf.subject}</dd>
          <dt>{t.issuer}</dt>
          <dd>{leaf.issuer}</dd>
          <dt>{t.names}</dt>
          <dd>{cert.names.join(', ')}</dd>
          <dt>{t.key}</dt>
          <dd>
            {leaf.keyType} {leaf.keyBits ?? leaf.curve ?? ''}
          </dd>
          <dt>{t.validUntil}</dt>
          <dd>{formatWhen(leaf.notAfter)}</dd>
          <dt>{t.trust}</dt>
          <dd>
            {t.trustState(cert.trusted, cert.nameMatches, cert.expired)}
            {cert.trustError && ` (${cert.trustError})`}
          </dd>
          <dt>{t.grade}</dt>
          <dd>{t.grades[cert.grade]}</dd>
        </dl>
      ) : (
        <p>{t.noCertificate}</p>
      )}
    </section>
  );
}
