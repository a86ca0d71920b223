import type { Grade, Verdict } from '../smarttls.types';
import { ADVICE, type Language } from './advice';
import type { ScanRow } from './scan.types';

const CSV_COLUMNS = ['domain', 'verdict', 'grade', 'dane', 'mta_sts', 'mx', 'reasons', 'error'];

const csvCell = (value: string): string =>
  /[",\r\n]/.test(value) || /^[=+\-@\t]/.test(value)
    ? // Quoted, and a leading formula character neutralised for spreadsheets.
      `"${(/^[=+\-@\t]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`
    : value;

export const csvHeader = (): string => `${CSV_COLUMNS.join(',')}\r\n`;

/** One CSV line (RFC 4180) per domain. */
export function csvLine(row: ScanRow): string {
  return `${[
    row.domain,
    row.verdict,
    row.grade ?? '',
    row.dane ? 'yes' : 'no',
    row.mtaSts,
    row.mx.map((m) => `${m.host}/${m.address ?? '-'}:${m.grade ?? '-'}`).join(' '),
    row.reasons.map((r) => r.code).join(' '),
    row.error ?? '',
  ]
    .map((v) => csvCell(String(v)))
    .join(',')}\r\n`;
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const TEXT = {
  en: {
    title: 'SmartTLS scan',
    intro:
      'Whether confidential mail may be delivered straight into the inbox of each domain, judged against the NCSC-NL TLS guidelines (2025-05), DANE and MTA-STS. For each domain: the verdict, the reasons, and what the domain’s IT department can change.',
    summary: 'Summary',
    domain: 'Domain',
    verdict: 'Verdict',
    grade: 'Grade',
    servers: 'Mail servers (every address)',
    reasons: 'Reasons and what to change',
    fix: 'What to change',
    verdicts: {
      direct: 'direct: safe for direct delivery',
      pickup: 'pickup: not safe, the pickup portal is used',
      defer: 'defer: could not be decided now',
    } as Record<Verdict, string>,
    error: 'The check failed',
    checked: 'Checked',
    other: 'Nederlands',
  },
  nl: {
    title: 'SmartTLS-scan',
    intro:
      'Of vertrouwelijke e-mail rechtstreeks in de inbox van elk domein mag worden afgeleverd, getoetst aan de TLS-richtlijnen van het NCSC (2025-05), DANE en MTA-STS. Per domein: het oordeel, de redenen en wat de IT-afdeling van dat domein kan aanpassen.',
    summary: 'Samenvatting',
    domain: 'Domein',
    verdict: 'Oordeel',
    grade: 'Niveau',
    servers: 'Mailservers (elk adres)',
    reasons: 'Redenen en wat aan te passen',
    fix: 'Aanpassen',
    verdicts: {
      direct: 'direct: veilig voor rechtstreekse aflevering',
      pickup: 'ophalen: niet veilig, het ophaalportaal wordt gebruikt',
      defer: 'later: nu niet te beoordelen',
    } as Record<Verdict, string>,
    error: 'De controle mislukte',
    checked: 'Gecontroleerd',
    other: 'English',
  },
};

const GRADE_TEXT: Record<Language, Record<Grade, string>> = {
  en: {
    good: 'good',
    sufficient: 'sufficient',
    'phase-out': 'phase out',
    insufficient: 'insufficient',
  },
  nl: {
    good: 'goed',
    sufficient: 'voldoende',
    'phase-out': 'uit te faseren',
    insufficient: 'onvoldoende',
  },
};

function section(rows: ScanRow[], lang: Language, checkedAt: string): string {
  const t = TEXT[lang];
  const count = (v: Verdict) => rows.filter((r) => r.verdict === v && !r.error).length;
  const errors = rows.filter((r) => r.error).length;
  const other = lang === 'nl' ? 'en' : 'nl';
  const body = rows
    .map((row) => {
      const reasons = row.error
        ? `<p>${t.error}: ${escapeHtml(row.error)}</p>`
        : `<ul>${row.reasons
            .map((r) => {
              const advice = ADVICE[r.code]?.[lang];
              return `<li><strong>${escapeHtml(advice?.why ?? r.code)}</strong> <span class="detail"${lang === 'en' ? '' : ' lang="en"'}>${escapeHtml(r.message)}</span>${
                advice?.fix
                  ? `<br><span class="fix">${t.fix}: ${escapeHtml(advice.fix)}</span>`
                  : ''
              }</li>`;
            })
            .join('')}</ul>`;
      const servers = row.mx
        .map(
          (m) =>
            `${escapeHtml(m.host)} <span class="addr">${escapeHtml(m.address ?? '—')}</span> ${
              m.grade ? GRADE_TEXT[lang][m.grade] : '—'
            } ${m.passes === true ? '✓' : m.passes === false ? '✗' : '?'}`,
        )
        .join('<br>');
      return `<tr><th scope="row">${escapeHtml(row.domain)}</th><td class="v-${row.verdict}">${escapeHtml(
        t.verdicts[row.verdict],
      )}</td><td>${row.grade ? GRADE_TEXT[lang][row.grade] : '—'}</td><td>${servers}</td><td>${reasons}</td></tr>`;
    })
    .join('\n');
  return `<section lang="${lang}" id="${lang}" aria-labelledby="${lang}-title">
<p class="switch"><a href="#${other}" lang="${other}">${TEXT[lang].other}</a></p>
<h1 id="${lang}-title">${t.title}</h1>
<p>${t.intro}</p>
<h2>${t.summary}</h2>
<ul class="summary"><li>${t.verdicts.direct}: ${count('direct')}</li><li>${t.verdicts.pickup}: ${count(
    'pickup',
  )}</li><li>${t.verdicts.defer}: ${count('defer')}</li>${errors ? `<li>${t.error}: ${errors}</li>` : ''}</ul>
<p>${t.checked}: ${escapeHtml(checkedAt)}</p>
<table><caption>${t.title}</caption><thead><tr><th scope="col">${t.domain}</th><th scope="col">${t.verdict}</th><th scope="col">${t.grade}</th><th scope="col">${t.servers}</th><th scope="col">${t.reasons}</th></tr></thead>
<tbody>
${body}
</tbody></table>
</section>`;
}

/** A self-contained HTML report (no scripts, no external files), Dutch first, then English. */
export function htmlReport(rows: ScanRow[], checkedAt: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SmartTLS-scan / SmartTLS scan</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; color: #1b1b1b; background: #fff; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: 0.5rem 0; }
th, td { border: 1px solid #8a8a8a; padding: 0.4rem; vertical-align: top; text-align: left; }
thead th { background: #e8e8e8; }
.v-direct { background: #dff3e4; }
.v-pickup { background: #fbe3e3; }
.v-defer { background: #fff4d6; }
.detail, .addr { color: #404040; }
.fix { color: #0b4f8a; }
section + section { margin-top: 3rem; border-top: 2px solid #8a8a8a; padding-top: 1rem; }
a { color: #0b4f8a; }
</style>
</head>
<body>
<main>
${section(rows, 'nl', checkedAt)}
${section(rows, 'en', checkedAt)}
</main>
</body>
</html>
`;
}
