/**
 * Seed list of people, with the spellings sites use. People not listed here are
 * still found by the title rule ("وزير الخارجية أيمن الصفدي") and keyed by the
 * skeleton of their last name (see entities.ts).
 */
import { rows, type Row } from './types.js';

const PEOPLE: Row[] = [
  ['person:kadhimi', 'مصطفى الكاظمي', ['الكاظمي', 'Kadhimi', 'Mustafa al-Kadhimi']],
  ['person:sudani', 'محمد شياع السوداني', ['شياع السوداني', 'Sudani']], // bare السوداني is 'Sudanese'
  [
    'person:stoltenberg',
    'ينس ستولتنبرغ',
    [
      'ستولتنبرغ',
      'ستولتينبرغ',
      'ستولتنبرج',
      'ستولتنبيرغ',
      'ينس ستولتينبرغ',
      'يانس ستولتنبرغ',
      'Stoltenberg',
      'Jens Stoltenberg',
    ],
  ],
  ['person:guterres', 'أنطونيو غوتيريش', ['غوتيريش', 'غوتيريس', 'جوتيريش', 'Guterres']],
  ['person:sisi', 'عبد الفتاح السيسي', ['السيسي', 'Sisi']],
  ['person:madbouly', 'مصطفى مدبولي', ['مدبولي', 'Madbouly']],
  ['person:shoukry', 'سامح شكري', ['Shoukry']],
  ['person:mbs', 'محمد بن سلمان', ['Mohammed bin Salman']],
  ['person:salman', 'الملك سلمان بن عبد العزيز', ['سلمان بن عبد العزيز', 'الملك سلمان']],
  ['person:abdullah-ii', 'الملك عبد الله الثاني', ['عبد الله الثاني', 'King Abdullah II']],
  ['person:safadi', 'أيمن الصفدي', ['Safadi']],
  ['person:mohammed-vi', 'الملك محمد السادس', ['محمد السادس', 'Mohammed VI']],
  ['person:tebboune', 'عبد المجيد تبون', ['تبون', 'Tebboune']],
  ['person:saied', 'قيس سعيد', ['Kais Saied']],
  ['person:erdogan', 'رجب طيب أردوغان', ['أردوغان', 'أردوجان', 'إردوغان', 'Erdogan', 'Erdoğan']],
  ['person:biden', 'جو بايدن', ['بايدن', 'Biden']],
  ['person:blinken', 'أنتوني بلينكن', ['بلينكن', 'Blinken']],
  ['person:macron', 'إيمانويل ماكرون', ['ماكرون', 'Macron']],
  ['person:putin', 'فلاديمير بوتين', ['بوتين', 'Putin']],
  ['person:zelensky', 'فولوديمير زيلينسكي', ['زيلينسكي', 'Zelensky']],
  ['person:raisi', 'إبراهيم رئيسي', ['Raisi']],
  ['person:tamim', 'الشيخ تميم بن حمد آل ثاني', ['تميم بن حمد', 'Tamim bin Hamad']],
  ['person:mbz', 'محمد بن زايد', ['Mohamed bin Zayed']],
  ['person:mikati', 'نجيب ميقاتي', ['ميقاتي', 'Mikati']],
  ['person:aoun', 'ميشال عون', ['Michel Aoun']],
  ['person:assad', 'بشار الأسد', ['Bashar al-Assad']],
  ['person:abbas', 'محمود عباس', ['أبو مازن', 'Mahmoud Abbas']],
  ['person:halbousi', 'محمد الحلبوسي', ['الحلبوسي', 'Halbousi']],
  ['person:salah', 'محمد صلاح', ['Mohamed Salah']],
];

export const PEOPLE_ENTRIES = rows('person', PEOPLE);
