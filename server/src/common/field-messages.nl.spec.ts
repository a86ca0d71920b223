import { z } from 'zod';
import { dutchFieldMessage } from './field-messages.nl';

describe('dutchFieldMessage', () => {
  it.each([
    ['is required', 'is verplicht'],
    ['may hold at most 120 characters', 'mag hoogstens 120 tekens bevatten'],
    ['must be a colour such as #0f6cbd', 'moet een kleur zijn, zoals #0f6cbd'],
    [
      'must be an international number such as +31612345678',
      'moet een internationaal nummer zijn, zoals +31612345678',
    ],
    [
      'must be an E.164 number, e.g. +31612345678',
      'moet een internationaal nummer zijn, zoals +31612345678',
    ],
    ['is not a png file', 'is geen png-bestand'],
    ['jan@zorg.nl has no phone number', 'jan@zorg.nl heeft geen telefoonnummer'],
    [
      'is required: the version of the rule you edited, e.g. "3"',
      'is verplicht: de versie die u bewerkte, bijvoorbeeld "3"',
    ],
  ])('%s → %s', (english, dutch) => {
    expect(dutchFieldMessage(english)).toBe(dutch);
  });

  // zod writes these itself: produced here by zod, so a change in its wording shows.
  it('translates the messages zod gives by default', () => {
    const schema = z
      .object({
        name: z.string().min(1).max(3),
        count: z.number().int().max(5),
        whole: z.number().int(),
        kind: z.enum(['a', 'b']),
        list: z.array(z.string()).max(1),
        text: z.string(),
        mail: z.email(),
      })
      .strict();
    const result = schema.safeParse({
      name: '',
      count: 9,
      whole: 1.5,
      kind: 'c',
      list: ['x', 'y'],
      text: 4,
      mail: 'nope',
      extra: true,
    });
    const dutch = result.error!.issues.map((i) => dutchFieldMessage(i.message));
    expect(dutch).toEqual([
      'is verplicht',
      'mag hoogstens 5 zijn',
      'moet een geheel getal zijn',
      'moet een van deze zijn: "a"|"b"',
      'mag hoogstens 1 items bevatten',
      'heeft het verkeerde type (verwacht: tekst)',
      'is geen e-mailadres',
      'onbekend veld: "extra"',
    ]);
  });

  it('leaves a message it does not know in English', () => {
    expect(dutchFieldMessage('is odd in a way nobody foresaw')).toBe(
      'is odd in a way nobody foresaw',
    );
  });
});
