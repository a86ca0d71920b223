import type { BuiltInClassification } from '@zegel/shared';
import type { Language } from '../../common/i18n';

const en = {
  title: 'Classifications',
  intro:
    'The labels people pick in Outlook. Each takes the route of one of the built-in four. The task pane shows the names and descriptions in the reader’s language.',
  loading: 'Loading the classifications…',
  tableLabel: 'Classifications',
  name: 'Name',
  id: 'Header value',
  route: 'Route',
  colour: 'Outlook colour',
  purview: 'Purview label id',
  builtIn: 'built in',
  edit: (name: string) => `Edit ${name}`,
  editShort: 'Edit',
  add: 'New classification',
  formNew: 'New classification',
  formEdit: (name: string) => `Edit classification: ${name}`,
  nameEn: 'Name in English',
  nameNl: 'Name in Dutch',
  descriptionEn: 'Description in English',
  descriptionNl: 'Description in Dutch',
  idHint:
    'Lower-case letters, digits and hyphens. Exchange rules match on it, so it cannot change later.',
  purviewHint: 'Optional: the GUID of a Microsoft Purview sensitivity label that maps to this one.',
  routeFixed: 'A built-in classification keeps its route.',
  save: 'Save classification',
  cancel: 'Cancel',
  saved: (name: string) => `Saved “${name}”.`,
  invalid: 'Not saved. Correct the fields marked below.',
  conflict:
    'Someone else changed this classification since you opened it. Your change was not saved; the list shows the current state.',
  routes: {
    public: 'Not Zegel’s: Exchange sends it (as Public)',
    internal: 'Not Zegel’s: inside the organisation (as Internal)',
    confidential: 'Direct when safe, else pickup (as Confidential)',
    registered: 'Always pickup with evidence (as Registered)',
  } satisfies Record<BuiltInClassification, string>,
  colourName: (n: number) => `Colour ${n}`,
  none: '—',
};

export type ClassificationTexts = typeof en;

const nl: ClassificationTexts = {
  title: 'Classificaties',
  intro:
    'De labels die mensen in Outlook kiezen. Elk volgt de route van een van de vier ingebouwde. Het taakvenster toont namen en beschrijvingen in de taal van de lezer.',
  loading: 'Classificaties laden…',
  tableLabel: 'Classificaties',
  name: 'Naam',
  id: 'Headerwaarde',
  route: 'Route',
  colour: 'Outlook-kleur',
  purview: 'Purview-label-id',
  builtIn: 'ingebouwd',
  edit: (name: string) => `${name} bewerken`,
  editShort: 'Bewerken',
  add: 'Nieuwe classificatie',
  formNew: 'Nieuwe classificatie',
  formEdit: (name: string) => `Classificatie bewerken: ${name}`,
  nameEn: 'Naam in het Engels',
  nameNl: 'Naam in het Nederlands',
  descriptionEn: 'Beschrijving in het Engels',
  descriptionNl: 'Beschrijving in het Nederlands',
  idHint:
    'Kleine letters, cijfers en koppeltekens. Exchange-regels herkennen hem hieraan, dus hij kan later niet veranderen.',
  purviewHint:
    'Optioneel: de GUID van een Microsoft Purview-gevoeligheidslabel dat hierop uitkomt.',
  routeFixed: 'Een ingebouwde classificatie houdt haar route.',
  save: 'Classificatie opslaan',
  cancel: 'Annuleren',
  saved: (name: string) => `“${name}” opgeslagen.`,
  invalid: 'Niet opgeslagen. Verbeter de gemarkeerde velden hieronder.',
  conflict:
    'Iemand anders heeft deze classificatie gewijzigd nadat u haar opende. Uw wijziging is niet opgeslagen; de lijst toont de actuele stand.',
  routes: {
    public: 'Niet voor Zegel: Exchange verstuurt het (als Openbaar)',
    internal: 'Niet voor Zegel: binnen de organisatie (als Intern)',
    confidential: 'Rechtstreeks als het veilig is, anders ophalen (als Vertrouwelijk)',
    registered: 'Altijd ophalen, met bewijs (als Aangetekend)',
  },
  colourName: (n: number) => `Kleur ${n}`,
  none: '—',
};

export const CLASSIFICATION_MESSAGES: Record<Language, ClassificationTexts> = { en, nl };
