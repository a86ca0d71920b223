import type { Branding, EvidenceEventView, LocalisedText } from '@zegel/shared';
import { EVENT_WORDING, formatZonedTime as time } from '@zegel/shared';

export type VerifyOutcome =
  | { kind: 'valid'; event: EvidenceEventView }
  | { kind: 'no-match' }
  | { kind: 'broken' }
  | { kind: 'bad-link' };

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const HEADLINE: Record<VerifyOutcome['kind'], LocalisedText> = {
  valid: {
    nl: 'De handtekening klopt: dit bewijs is echt en ongewijzigd.',
    en: 'The signature is valid: this evidence is genuine and unchanged.',
  },
  'no-match': {
    nl: 'Geen bewijs gevonden dat bij deze link past. Controleer of u de hele link uit het ontvangstbewijs gebruikt.',
    en: 'No evidence matches this link. Check that you used the whole link from the receipt.',
  },
  broken: {
    nl: 'Dit bewijs kan niet worden bevestigd: de opgeslagen gegevens kloppen niet meer met de handtekening. Neem contact op met de beheerder.',
    en: 'This evidence cannot be confirmed: the stored record no longer matches its signature. Contact the administrator.',
  },
  'bad-link': {
    nl: 'Deze link is onvolledig. Gebruik de hele link uit het ontvangstbewijs.',
    en: 'This link is incomplete. Use the whole link from the receipt.',
  },
};

/**
 * The page a receipt's verification link opens: server-rendered, no script, both languages. It
 * shows what the evidence says only when the link's hash and signature match the stored, checked
 * record, so the page tells nothing to someone without the receipt.
 */
export function renderVerifyPage(
  outcome: VerifyOutcome,
  branding: Branding,
  publicKeyUrl: string,
): string {
  const ok = outcome.kind === 'valid';
  const colour = ok ? '#0e700e' : '#b10e1c';
  const section = (lang: 'nl' | 'en') => {
    const nl = lang === 'nl';
    let details = '';
    if (outcome.kind === 'valid') {
      const e = outcome.event;
      const rows: [string, string][] = [
        [nl ? 'Wat' : 'What', `${e.recipient ?? ''} ${EVENT_WORDING[e.type][lang]}`.trim()],
        [nl ? 'Wanneer' : 'When', `${time(e.time, lang)} (${e.time})`],
        [nl ? 'Gebeurtenis' : 'Event', `${e.type} #${e.seq}`],
        [nl ? 'Bericht' : 'Message', e.messageId ?? '-'],
        ...Object.entries(e.digests).map(([k, v]): [string, string] => [`SHA-256 ${k}`, v]),
        [nl ? 'Hash van het record' : 'Record hash', e.hash],
      ];
      details = `<table><tbody>${rows
        .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
        .join('')}</tbody></table>`;
    }
    return `<section lang="${lang}" aria-labelledby="h-${lang}">
<h2 id="h-${lang}" style="color:${colour}">${esc(HEADLINE[outcome.kind][lang])}</h2>${details}
<p>${
      nl
        ? `Elke gebeurtenis is met SHA-256 aan de vorige geketend en ondertekend met de sleutel van ${esc(branding.organisationName)}: <a href="${esc(publicKeyUrl)}">publieke sleutel</a>.`
        : `Each event is chained to the one before with SHA-256 and signed with the key of ${esc(branding.organisationName)}: <a href="${esc(publicKeyUrl)}">public key</a>.`
    }</p></section>`;
  };
  return `<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Bewijs controleren / Verify evidence - ${esc(branding.organisationName)}</title>
<style>
body{margin:0;font-family:"Segoe UI",Arial,sans-serif;line-height:1.5;color:#242424;background:#fafafa}
header{background:#fff;border-bottom:4px solid ${/^#[0-9a-f]{6}$/i.test(branding.primaryColour) ? branding.primaryColour : '#0f6cbd'};padding:12px 16px;font-size:1.2rem;font-weight:600}
main{max-width:760px;margin:0 auto;padding:16px}
section{background:#fff;border:1px solid #ddd;border-radius:6px;padding:16px;margin:0 0 16px}
h1{font-size:1.4rem;margin:0 0 16px}h2{font-size:1.1rem;margin:0 0 12px}
table{border-collapse:collapse;width:100%;margin:0 0 12px}th,td{text-align:left;vertical-align:top;padding:4px 8px 4px 0;border-top:1px solid #eee}
th{white-space:nowrap;font-weight:600}td{word-break:break-all;font-family:Consolas,Menlo,monospace;font-size:.9rem}
a{color:#0f548c}
</style></head>
<body><header>${esc(branding.organisationName)}</header>
<main><h1>Bewijs controleren <span lang="en">/ Verify evidence</span></h1>
${section('nl')}${section('en')}</main></body></html>`;
}
