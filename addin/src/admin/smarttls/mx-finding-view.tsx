import { makeStyles, tokens } from '@fluentui/react-components';
import { useTexts } from '../admin-language';
import { DataTable } from '../data-table';
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
        <DataTable
          label={`${t.versions}: ${title}`}
          scrollLabel={`${t.versions}: ${finding.host}`}
          className={styles.table}
          rows={finding.versions}
          rowKey={(v) => v.version}
          columns={[
            { key: 'version', header: t.version, cell: (v) => v.version },
            { key: 'supported', header: t.supported, cell: (v) => t.yesNo(v.supported) },
            {
              key: 'grade',
              header: t.grade,
              cell: (v) => (v.supported ? t.grades[v.grade] : '—'),
            },
          ]}
        />
      )}

      {finding.ciphers.length > 0 && <h5 className={styles.heading}>{t.suites}</h5>}
      {finding.ciphers.length > 0 && (
        <DataTable
          label={`${t.suites}: ${title}`}
          scrollLabel={`${t.suites}: ${finding.host}`}
          className={styles.table}
          rows={finding.ciphers}
          rowKey={(c) => `${c.version}-${c.name}`}
          columns={[
            { key: 'suite', header: t.suite, cell: (c) => c.name },
            { key: 'version', header: t.version, cell: (c) => c.version },
            { key: 'grade', header: t.grade, cell: (c) => t.grades[c.grade] },
          ]}
        />
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
