import type { Language } from '../common/i18n';

/** Every text of the pickup page, in both languages (the English is the reference). */
const en = {
  pageTitle: 'Secure message',
  brand: 'Zegel',
  organisationLabel: 'Sender',
  sentBy: (organisation: string) => `A secure message from ${organisation}`,
  supportIntro: 'Questions about this message? Contact',
  languageLabel: 'Language',
  loading: 'Loading…',
  codeHeading: 'Open your message',
  codeIntro: 'This message was sent to you securely. You need a code to open it.',
  codeLabel: 'Enter the CE-ID you received by SMS or from the sender',
  codeHint: 'Format XXX-XXX-XXX. Upper or lower case; the dashes are optional.',
  codeFormat:
    'A CE-ID has 9 letters and digits, like ABC-DEF-234 (without 0, 1, I, L or O). Check what you typed.',
  unlock: 'Open message',
  unlocking: 'Checking the code…',
  denied:
    'This code does not open this message, or the link is no longer valid. Check the code, or contact the sender.',
  blocked: 'Too many wrong codes from this network. Try again later.',
  retryAfter: (minutes: number) =>
    minutes <= 1 ? 'You can try again in a minute.' : `You can try again in ${minutes} minutes.`,
  failed: 'Something went wrong on our side. Try again later.',
  reference: (id: string) => `If it keeps happening, give the sender this reference: ${id}`,
  offline: 'The server cannot be reached. Check your internet connection and try again.',
  noToken: 'This link is not complete. Open the link from the notification mail again.',
  closed: 'This message is no longer available.',
  sessionEnded: 'Your session has ended. Enter the code again.',
  lostCode: 'I lost my code',
  lostCodeSent:
    'We have asked the sender to give you a new code. The old code no longer works once the new one is issued.',
  lostCodeFailed: 'Your request could not be sent. Try again later, or contact the sender.',
  from: 'From',
  subject: 'Subject',
  sent: 'Sent',
  availableUntil: 'Available until',
  noSubject: '(no subject)',
  bodyFrameTitle: 'Message text',
  noBody: 'This message has no text.',
  remoteImages: (n: number) =>
    n === 1
      ? 'This message referred to 1 remote image, which was not loaded. Loading it tells its server that you opened the message.'
      : `This message referred to ${n} remote images, which were not loaded. Loading them tells their servers that you opened the message.`,
  showRemoteImages: 'Show remote images',
  remoteImagesShown: 'Remote images are shown.',
  attachments: 'Attachments',
  noAttachments: 'No attachments.',
  download: (name: string) => `Download ${name}`,
  sha256: 'SHA-256',
  copy: 'Copy',
  copied: 'Copied',
  copyDigest: (name: string) => `Copy the SHA-256 of ${name}`,
  downloadEml: 'Download the whole message (.eml)',
  integrity: 'Proof of integrity',
  integrityIntro:
    'The SHA-256 digests recorded when the message was sent. A file you download is unchanged when its digest is the same.',
  htmlDigest: 'Message text (HTML)',
  textDigest: 'Message text (plain)',
  messageId: 'Message ID',
  respondIntro: 'Let the sender know whether you accept this message.',
  accept: 'Accept',
  decline: 'Decline',
  responding: 'Sending your answer…',
  declineTitle: 'Decline this message?',
  declineBody: 'Declining deletes the message for you. The sender is told.',
  declineConfirm: 'Decline the message',
  cancel: 'Cancel',
  accepted: 'Accepted. The sender receives a receipt.',
  declined: 'You declined the message. It has been deleted, and the sender is told.',
  alreadyAccepted: 'You accepted this message.',
  acceptMeans: (until: string) =>
    `Accept tells the sender that you received the message; the sender gets a receipt. After you accept, the downloads stay available until ${until}, not longer.`,
  acceptMeansNow:
    'Accept tells the sender that you received the message; the sender gets a receipt. After you accept, the message is deleted at once: download what you need first.',
  replyHeading: 'Reply securely',
  replyIntro:
    'Your reply goes to the sender through this secure channel, not by ordinary e-mail. The sender receives it in their mailbox.',
  replyLabel: 'Your reply',
  replyHint: (max: number) => `Up to ${max.toLocaleString('en-GB')} characters.`,
  replyFiles: 'Attach files (optional)',
  replyFilesHint: (count: number, size: string) => `At most ${count} files of ${size} each.`,
  replySend: 'Send reply',
  replySending: 'Sending your reply…',
  replySent: 'Your reply was sent securely to the sender.',
  replyRemaining: (n: number) =>
    n === 1 ? 'You can send 1 more reply.' : `You can send ${n} more replies.`,
  replyOff: 'The sender does not accept replies to this message. Contact the sender another way.',
  replyUsedUp: 'You cannot send more replies to this message.',
  replyEmpty: 'Write your reply first.',
  replyTooManyFiles: (count: number) => `Choose at most ${count} files.`,
  replyFileTooLarge: (name: string, size: string) => `${name} is larger than ${size}.`,
  noForwarding:
    'Forwarding is not offered: the message was sent to you alone, and forwarding would take it outside the secure channel. If someone else needs it, ask the sender to send it to them.',
  integrityExplain:
    'A SHA-256 digest is a fingerprint of a file: 64 characters computed from its contents. Change one letter of the file and the fingerprint is entirely different. Zegel recorded these fingerprints when the message was sent. If the fingerprint of a file you downloaded is the same as the one below, the file is exactly what the sender sent.',
  integrityHowTo: 'To compute the fingerprint of a downloaded file:',
  integrityWindows: 'Windows (Command Prompt): certutil -hashfile "file name" SHA256',
  integrityPowerShell: 'Windows (PowerShell): Get-FileHash "file name" -Algorithm SHA256',
  integrityMac: 'macOS (Terminal): shasum -a 256 "file name"',
  integrityLinux: 'Linux: sha256sum "file name"',
  integrityCompare: 'Compare the result with the value below; upper or lower case does not matter.',
  timesIn: (zone: string) => `Times in ${zone}.`,
};

export type PickupTexts = typeof en;

const nl: PickupTexts = {
  pageTitle: 'Beveiligd bericht',
  brand: 'Zegel',
  organisationLabel: 'Afzender',
  sentBy: (organisation: string) => `Een beveiligd bericht van ${organisation}`,
  supportIntro: 'Vragen over dit bericht? Neem contact op via',
  languageLabel: 'Taal',
  loading: 'Bezig met laden…',
  codeHeading: 'Open uw bericht',
  codeIntro: 'Dit bericht is beveiligd aan u verstuurd. U hebt een code nodig om het te openen.',
  codeLabel: 'Vul de CE-ID in die u per sms of van de afzender hebt gekregen',
  codeHint: 'Vorm XXX-XXX-XXX. Hoofd- of kleine letters; de streepjes mogen weg.',
  codeFormat:
    'Een CE-ID heeft 9 letters en cijfers, zoals ABC-DEF-234 (zonder 0, 1, I, L of O). Controleer wat u hebt getypt.',
  unlock: 'Bericht openen',
  unlocking: 'De code wordt gecontroleerd…',
  denied:
    'Deze code opent dit bericht niet, of de link is niet meer geldig. Controleer de code, of neem contact op met de afzender.',
  blocked: 'Te veel onjuiste codes vanaf dit netwerk. Probeer het later opnieuw.',
  retryAfter: (minutes: number) =>
    minutes <= 1
      ? 'U kunt het over een minuut opnieuw proberen.'
      : `U kunt het over ${minutes} minuten opnieuw proberen.`,
  failed: 'Er ging bij ons iets mis. Probeer het later opnieuw.',
  reference: (id: string) => `Blijft het misgaan, geef de afzender dan dit kenmerk: ${id}`,
  offline: 'De server is niet bereikbaar. Controleer uw internetverbinding en probeer het opnieuw.',
  noToken: 'Deze link is niet compleet. Open de link uit de e-mail opnieuw.',
  closed: 'Dit bericht is niet meer beschikbaar.',
  sessionEnded: 'Uw sessie is verlopen. Vul de code opnieuw in.',
  lostCode: 'Ik ben mijn code kwijt',
  lostCodeSent:
    'We hebben de afzender gevraagd u een nieuwe code te geven. De oude code werkt niet meer zodra de nieuwe is uitgegeven.',
  lostCodeFailed:
    'Uw verzoek kon niet worden verstuurd. Probeer het later opnieuw, of neem contact op met de afzender.',
  from: 'Van',
  subject: 'Onderwerp',
  sent: 'Verzonden',
  availableUntil: 'Beschikbaar tot',
  noSubject: '(geen onderwerp)',
  bodyFrameTitle: 'Tekst van het bericht',
  noBody: 'Dit bericht heeft geen tekst.',
  remoteImages: (n: number) =>
    n === 1
      ? 'Dit bericht verwees naar 1 externe afbeelding; die is niet geladen. Laadt u haar, dan weet de server ervan dat u het bericht hebt geopend.'
      : `Dit bericht verwees naar ${n} externe afbeeldingen; die zijn niet geladen. Laadt u ze, dan weten de servers ervan dat u het bericht hebt geopend.`,
  showRemoteImages: 'Externe afbeeldingen tonen',
  remoteImagesShown: 'De externe afbeeldingen worden getoond.',
  attachments: 'Bijlagen',
  noAttachments: 'Geen bijlagen.',
  download: (name: string) => `${name} downloaden`,
  sha256: 'SHA-256',
  copy: 'Kopiëren',
  copied: 'Gekopieerd',
  copyDigest: (name: string) => `SHA-256 van ${name} kopiëren`,
  downloadEml: 'Het hele bericht downloaden (.eml)',
  integrity: 'Bewijs van ongeschondenheid',
  integrityIntro:
    'De SHA-256-hashes die bij het versturen zijn vastgelegd. Een gedownload bestand is ongewijzigd als de hash gelijk is.',
  htmlDigest: 'Tekst van het bericht (HTML)',
  textDigest: 'Tekst van het bericht (platte tekst)',
  messageId: 'Bericht-ID',
  respondIntro: 'Laat de afzender weten of u dit bericht accepteert.',
  accept: 'Accepteren',
  decline: 'Weigeren',
  responding: 'Uw antwoord wordt verstuurd…',
  declineTitle: 'Dit bericht weigeren?',
  declineBody: 'Weigeren verwijdert het bericht voor u. De afzender krijgt dit te horen.',
  declineConfirm: 'Bericht weigeren',
  cancel: 'Annuleren',
  accepted: 'Geaccepteerd. De afzender krijgt een ontvangstbewijs.',
  declined: 'U hebt het bericht geweigerd. Het is verwijderd en de afzender krijgt dit te horen.',
  alreadyAccepted: 'U hebt dit bericht geaccepteerd.',
  acceptMeans: (until: string) =>
    `Met Accepteren laat u de afzender weten dat u het bericht hebt ontvangen; de afzender krijgt een ontvangstbewijs. Na het accepteren blijven de downloads beschikbaar tot ${until}, niet langer.`,
  acceptMeansNow:
    'Met Accepteren laat u de afzender weten dat u het bericht hebt ontvangen; de afzender krijgt een ontvangstbewijs. Na het accepteren wordt het bericht meteen verwijderd: download eerst wat u nodig hebt.',
  replyHeading: 'Beveiligd antwoorden',
  replyIntro:
    'Uw antwoord gaat via dit beveiligde kanaal naar de afzender, niet met gewone e-mail. De afzender ontvangt het in de eigen mailbox.',
  replyLabel: 'Uw antwoord',
  replyHint: (max: number) => `Hoogstens ${max.toLocaleString('nl-NL')} tekens.`,
  replyFiles: 'Bestanden bijvoegen (niet verplicht)',
  replyFilesHint: (count: number, size: string) => `Hoogstens ${count} bestanden van elk ${size}.`,
  replySend: 'Antwoord versturen',
  replySending: 'Uw antwoord wordt verstuurd…',
  replySent: 'Uw antwoord is beveiligd naar de afzender verstuurd.',
  replyRemaining: (n: number) =>
    n === 1 ? 'U kunt nog 1 antwoord sturen.' : `U kunt nog ${n} antwoorden sturen.`,
  replyOff:
    'De afzender neemt geen antwoorden op dit bericht aan. Neem op een andere manier contact op.',
  replyUsedUp: 'U kunt geen antwoorden meer op dit bericht sturen.',
  replyEmpty: 'Schrijf eerst uw antwoord.',
  replyTooManyFiles: (count: number) => `Kies hoogstens ${count} bestanden.`,
  replyFileTooLarge: (name: string, size: string) => `${name} is groter dan ${size}.`,
  noForwarding:
    'Doorsturen kan niet: het bericht is alleen voor u bedoeld, en doorsturen zou het buiten het beveiligde kanaal brengen. Heeft iemand anders het nodig, vraag de afzender het naar die persoon te sturen.',
  integrityExplain:
    'Een SHA-256-hash is een vingerafdruk van een bestand: 64 tekens, berekend uit de inhoud. Verandert er één letter in het bestand, dan is de vingerafdruk heel anders. Zegel heeft deze vingerafdrukken vastgelegd toen het bericht werd verstuurd. Is de vingerafdruk van een gedownload bestand gelijk aan die hieronder, dan is het bestand precies wat de afzender verstuurde.',
  integrityHowTo: 'Zo berekent u de vingerafdruk van een gedownload bestand:',
  integrityWindows: 'Windows (opdrachtprompt): certutil -hashfile "bestandsnaam" SHA256',
  integrityPowerShell: 'Windows (PowerShell): Get-FileHash "bestandsnaam" -Algorithm SHA256',
  integrityMac: 'macOS (Terminal): shasum -a 256 "bestandsnaam"',
  integrityLinux: 'Linux: sha256sum "bestandsnaam"',
  integrityCompare:
    'Vergelijk de uitkomst met de waarde hieronder; hoofd- of kleine letters maken niet uit.',
  timesIn: (zone: string) => `Tijden in ${zone}.`,
};

export const PICKUP_TEXTS: Record<Language, PickupTexts> = { en, nl };
