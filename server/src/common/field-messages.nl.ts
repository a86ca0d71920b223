/**
 * Dutch for the field-level problems of a 400 (VALIDATION_FAILED), for clients that ask for Dutch
 * (Accept-Language). The API's validations write their messages in English, and zod v4 adds its
 * own; rather than thread a language through every schema, the answer is translated once, here.
 * A message with no rule stays English, which is still a correct answer. Order matters: the first
 * rule that matches wins.
 */
type Rule = [RegExp, string | ((...groups: string[]) => string)];

const ZOD_DEFAULTS: Rule[] = [
  [/^Too big: expected string to have <=(\d+) characters$/, 'mag hoogstens $1 tekens bevatten'],
  [/^Too small: expected string to have >=1 characters$/, 'is verplicht'],
  [/^Too small: expected string to have >=(\d+) characters$/, 'moet minstens $1 tekens bevatten'],
  [/^Too big: expected array to have <=(\d+) items$/, 'mag hoogstens $1 items bevatten'],
  [/^Too small: expected array to have >=(\d+) items$/, 'moet minstens $1 items bevatten'],
  [/^Too big: expected number to be <=(\S+)$/, 'mag hoogstens $1 zijn'],
  [/^Too small: expected number to be >=(\S+)$/, 'moet minstens $1 zijn'],
  [/^Invalid option: expected one of (.+)$/, 'moet een van deze zijn: $1'],
  [/^Invalid input: expected int, received \w+$/, 'moet een geheel getal zijn'],
  [
    /^Invalid input: expected (\w+), received (\w+)$/,
    (expected) => `heeft het verkeerde type (verwacht: ${TYPE[expected] ?? expected})`,
  ],
  [/^Invalid string: must match pattern .+$/, 'heeft niet de juiste vorm'],
  [/^Invalid email address$/, 'is geen e-mailadres'],
  [/^Invalid (?:url|URL)$/, 'is geen geldig webadres'],
  [/^Unrecognized keys?: (.+)$/, 'onbekend veld: $1'],
  [/^Invalid input$/, 'is ongeldig'],
];

const TYPE: Record<string, string> = {
  string: 'tekst',
  number: 'getal',
  boolean: 'waar of onwaar',
  array: 'lijst',
  object: 'object',
};

const ZEGEL: Rule[] = [
  [/^is required$/, 'is verplicht'],
  [
    /^is required: the version (?:of the rule )?you edited, e\.g\. "(\d+)"$/,
    'is verplicht: de versie die u bewerkte, bijvoorbeeld "$1"',
  ],
  [/^must name a version, e\.g\. "(\d+)"$/, 'moet een versie noemen, bijvoorbeeld "$1"'],
  [/^may hold at most (\d+) characters$/, 'mag hoogstens $1 tekens bevatten'],
  [/^may hold at most (\d+) domains$/, 'mag hoogstens $1 domeinen bevatten'],
  [/^may hold at most (\d+) recipients$/, 'mag hoogstens $1 ontvangers bevatten'],
  [/^has more than (\d+) attachments$/, 'heeft meer dan $1 bijlagen'],
  [/^is longer than (\d+) characters$/, 'is langer dan $1 tekens'],
  [/^must be text of at most (\d+) characters$/, 'moet tekst van hoogstens $1 tekens zijn'],
  [/^must be a string of at most (\d+) characters$/, 'moet tekst van hoogstens $1 tekens zijn'],
  [/^may be at most (\d+) KB$/, 'mag hoogstens $1 KB zijn'],
  [/^may not hold < > or control characters$/, 'mag geen < > of stuurtekens bevatten'],
  [/^may not hold control characters$/, 'mag geen stuurtekens bevatten'],
  [/^may not contain line breaks$/, 'mag geen regeleinden bevatten'],
  [/^must be a PNG, JPEG or SVG file$/, 'moet een PNG-, JPEG- of SVG-bestand zijn'],
  [/^is not a (\w+) file$/, 'is geen $1-bestand'],
  [/^must be a colour such as (#[0-9a-f]{6})$/i, 'moet een kleur zijn, zoals $1'],
  [
    /^is too light: white text on it must have a contrast of at least ([\d.]+):1$/,
    'is te licht: witte tekst erop moet een contrast van minstens $1:1 hebben',
  ],
  [/^must be a phone number such as (.+)$/, 'moet een telefoonnummer zijn, zoals $1'],
  [
    /^must be an (?:international|E\.164) number,? (?:such as|e\.g\.) (\+\d+)$/,
    'moet een internationaal nummer zijn, zoals $1',
  ],
  [/^must be an https:\/\/ address$/, 'moet een https://-adres zijn'],
  [/^must be an https link$/, 'moet een https-koppeling zijn'],
  [/^is not an e-mail address$/, 'is geen e-mailadres'],
  [/^must be a whole e-mail address$/, 'moet een volledig e-mailadres zijn'],
  [/^is not a domain name$/, 'is geen domeinnaam'],
  [
    /^must hold domain names such as (\S+) \(a leading \*\. is allowed\)$/,
    'moet domeinnamen bevatten, zoals $1 (een *. vooraan mag)',
  ],
  [/^is not a host name$/, 'is geen hostnaam'],
  [/^is not a header name$/, 'is geen headernaam'],
  [/^is not a (?:sensitivity )?label id \(GUID\)$/, 'is geen label-id (GUID)'],
  [
    /^must be 2 to 63 lower-case letters, digits or hyphens$/,
    'moet 2 tot 63 kleine letters, cijfers of koppeltekens zijn',
  ],
  [/^is already in use$/, 'is al in gebruik'],
  [
    /^cannot be changed \(Exchange rules match on it\)$/,
    'kan niet worden gewijzigd (Exchange-regels gebruiken het)',
  ],
  [/^needs at least one recipient$/, 'heeft minstens één ontvanger nodig'],
  [/^needs at least one condition$/, 'heeft minstens één voorwaarde nodig'],
  [/^needs an html or a text body$/, 'heeft een inhoud in HTML of platte tekst nodig'],
  [/^must be a date such as (\S+)$/, 'moet een datum zijn, zoals $1'],
  [/^must be after from$/, 'moet na de begindatum liggen'],
  [/^must be (\d+) to (\d+)$/, 'moet $1 tot en met $2 zijn'],
  [/^must be a classification such as (\S+)$/, 'moet een classificatie zijn, zoals $1'],
  [/^must be one of (.+)$/, 'moet een van deze zijn: $1'],
  [/^must be true or false$/, 'moet waar of onwaar zijn'],
  [/^is not a cursor this search gave$/, 'is geen vervolgpositie van deze zoekopdracht'],
  [/^(.+) has no phone number$/, '$1 heeft geen telefoonnummer'],
];

const RULES = [...ZEGEL, ...ZOD_DEFAULTS];

/** The Dutch for one field problem, or the English message when no rule knows it. */
export function dutchFieldMessage(message: string): string {
  for (const [pattern, dutch] of RULES) {
    const match = pattern.exec(message);
    if (!match) continue;
    return typeof dutch === 'string' ? message.replace(pattern, dutch) : dutch(...match.slice(1));
  }
  return message;
}
