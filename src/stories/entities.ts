/**
 * Rule-and-gazetteer Arabic entity extraction. One left-to-right pass over the
 * tokens; at each token, in order:
 *   1. a title ("رئيس مجلس الوزراء", "وزير *", "الأمين العام") followed by a name → a person,
 *      skipping what may sit between: nationality ("العراقي"), an organization
 *      ("لحلف شمال الأطلسي"), an honorific ("السيد")
 *   2. a name this article already introduced with its title ("الصفدي" after "وزير الخارجية أيمن الصفدي")
 *   3. the longest gazetteer alias, with one clitic prefix stripped ("لحلف شمال الأطلسي", "وبروكسل")
 *   4. a listed person's spelling variant by name skeleton ("ستولتنبيرج")
 * Every mention folds to one key: الناتو = حلف شمال الأطلسي = ناتو = NATO → org:nato.
 */
import type { EntityMention } from '../core/article.js';
import { normalize } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { defaultGazetteer, type Alias, type Gazetteer, type TitlePattern } from './gazetteer/index.js';
import { cliticForms, dropAl, skeleton, toks, type Tok } from './tokens.js';

/** A person mention also carries the titles written before the name. */
export interface PersonMention extends EntityMention {
  titles?: string[];
}

/** Names are at most this many words ("ينس ستولتينبرغ", "عبد الفتاح السيسي")… */
const NAME_MAX = 3;
/** …or one more when they contain a linking word ("محمد بن عبد الله", "أبو بكر"). */
const NAME_LINKS = new Set(['بن', 'ابن', 'بنت', 'عبد', 'ابو', 'ال', 'ولد']);
/** What may sit between a title and the name: nationality, organization, honorific (at most this many). */
const MAX_SKIPS = 3;

/**
 * Words that follow a title but are not names: offices, qualifiers, reporting
 * verbs. "رئيس الوزراء الجديد" is not a person called الجديد; "الرئيس يلتقي" neither;
 * nor is "الأمير لأول مرة" a person called لأول مرة.
 */
const NOT_NAME = new Set(
  `الجديد الجديده السابق السابقه الاسبق الحالي المكلف المستقيل المنتهيه بالوكاله بالنيابه الاول الثاني العام العامه
   مجلس الوزراء النواب الشعب الامه القضاء الاعلي الاركان الحكومه الجمهوريه الدوله الخاص الدولي الوطني المركزي البنك
   الشركه الهيئه الاتحاد النادي الفريق المنتخب الدوري الامن الجيش القوات الشرطه الوزاره المحكمه المجلس اللجنه البعثه
   الوفد وفد المرافق المرافقين الحزب حزب حركه تنظيم جماعه منظمه قوات وزاره محكمه لجنه هيئه شركه بنك نادي فريق منتخب
   يلتقي يستقبل يبحث يزور يصل يغادر يؤكد يدعو يعلن يفتتح يشارك يترأس يرحب يدين يبحث التقي استقبل بحث زار وصل غادر اكد
   دعا اعلن افتتح شارك ترأس رحب ادان قال اعرب اشاد اوضح اشار كشف نفي طالب حذر تلقي اجري تسلم منح وقع هنأ عزي
   السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه صباح مساء ظهر اليوم امس غدا
   خلال لدي عقب اثر بعد قبل مع في من الى عن علي ان انه
   ضروره اهميه استمرار تعزيز دعم رفض حرص التزام تطوير مواصله
   ضمن اخرون اخرين واخرون واخرين
   اول لاول مره لمره`
    .split(/\s+/)
    .filter(Boolean),
);

/** "و" + "ب", "و" + article, "ل" + article (normalized "لل"): a conjunction and a preposition, never a name. */
const DOUBLE_CLITIC = /^(?:وب|وال.{3}|لل)/;

interface Found {
  key: string;
  type: PersonMention['type'];
  name: string;
  surface: string;
  title?: string;
}

export function extractEntities(text: string, gaz: Gazetteer = defaultGazetteer()): PersonMention[] {
  return entitiesOf(toks(text), text, gaz);
}

/** The same on tokens already made from `text` (the clusterer tokenizes once). */
export function entitiesOf(ts: Tok[], text: string, gaz: Gazetteer = defaultGazetteer()): PersonMention[] {
  const local = new Map<string, { key: string; name: string }>();
  const found = pass(ts, text, gaz, local);
  // A name introduced later may have been read earlier as something else: the headline
  // "أردوغان يستقبل السوداني" before "رئيس الوزراء العراقي محمد شياع السوداني" in the body.
  // Read again, knowing the article's names from the start.
  const early = found.some((f) => f.type !== 'person' && cliticForms(normalize(f.surface)).some((w) => local.has(w)));
  return merge(early ? pass(ts, text, gaz, new Map(local)) : found);
}

function pass(ts: Tok[], text: string, gaz: Gazetteer, local: Map<string, { key: string; name: string }>): Found[] {
  const found: Found[] = [];
  /** Names this article introduced: normalized word (and without ال) → person (`local`). */
  const slice = (a: number, b: number) => text.slice(ts[a].start, ts[b].end);

  for (let i = 0; i < ts.length;) {
    // 1. title + name
    const title = matchTitle(ts, i, gaz);
    if (title > i) {
      const person = personAfterTitle(ts, title, gaz, found, local, text);
      if (person) {
        found.push({ ...person.found, title: slice(i, title - 1) });
        i = person.end;
        continue;
      }
    }
    // 2. a name this article introduced ("الصفدي", "والكاظمي")
    const known =
      local.size > 0 && ts[i].kind === 'arabic'
        ? cliticForms(ts[i].norm)
            .map((f) => local.get(f))
            .find(Boolean)
        : undefined;
    if (known) {
      found.push({ key: known.key, type: 'person', name: known.name, surface: ts[i].raw });
      i++;
      continue;
    }
    // 3. gazetteer alias, longest match
    const alias = matchAlias(ts, i, gaz);
    if (alias) {
      const e = alias.alias.entry;
      found.push({ key: e.key, type: e.type, name: e.name, surface: slice(i, alias.end - 1) });
      i = alias.end;
      continue;
    }
    // 4. spelling variant of a listed person ("ستولتنبيرج")
    if (ts[i].kind === 'arabic' && ts[i].norm.length >= 6) {
      const key = gaz.personSkeletons.get(skeleton(ts[i].norm));
      if (key) {
        found.push({ key, type: 'person', name: gaz.entries.get(key)?.name ?? ts[i].raw, surface: ts[i].raw });
      }
    }
    i++;
  }
  return found;
}

/** The end (exclusive) of the longest title starting at `i`, or `i` when none. */
function matchTitle(ts: Tok[], i: number, gaz: Gazetteer): number {
  if (ts[i].kind !== 'arabic') return i;
  for (const head of cliticForms(ts[i].norm)) {
    const list = gaz.titles.get(head);
    if (!list) continue;
    for (const p of list) if (tokensMatch(ts, i, p)) return i + p.tokens.length;
  }
  return i;
}

function tokensMatch(ts: Tok[], i: number, p: TitlePattern): boolean {
  if (i + p.tokens.length > ts.length) return false;
  for (let k = 1; k < p.tokens.length; k++) {
    const t = ts[i + k];
    if (t.brk || t.kind !== 'arabic') return false;
    if (p.tokens[k] === '*') {
      if (STOPWORDS.has(t.norm) || NOT_NAME.has(t.norm)) return false;
    } else if (t.norm !== p.tokens[k]) return false;
  }
  return true;
}

/** The longest gazetteer alias starting at token `i` (its first word may carry a clitic). */
export function matchAlias(ts: Tok[], i: number, gaz: Gazetteer): { alias: Alias; end: number } | null {
  let best: { alias: Alias; end: number } | null = null;
  for (const head of cliticForms(ts[i].norm)) {
    const list = gaz.aliases.get(head);
    if (!list) continue;
    for (const a of list) {
      const n = a.tokens.length;
      if (best && n <= best.end - i) break;
      if (i + n > ts.length) continue;
      let ok = true;
      for (let k = 1; k < n && ok; k++) ok = !ts[i + k].brk && ts[i + k].norm === a.tokens[k];
      if (ok) {
        best = { alias: a, end: i + n };
        break;
      }
    }
  }
  return best;
}

/**
 * After a title ending at `j`: skip up to MAX_SKIPS of nationality / organization /
 * place / honorific, then read a name.
 *   "الأمين العام | لحلف شمال الأطلسي | السيد | ينس ستولتينبرغ"
 *   "وزير الخارجية | الأردني | أيمن الصفدي"
 */
function personAfterTitle(
  ts: Tok[],
  j: number,
  gaz: Gazetteer,
  found: Found[],
  local: Map<string, { key: string; name: string }>,
  text: string,
): { found: Found; end: number } | null {
  const skipped: Found[] = [];
  let k = j;
  for (let s = 0; s < MAX_SKIPS && k < ts.length && !ts[k].brk; s++) {
    if (gaz.honorifics.has(ts[k].norm) || gaz.honorifics.has(dropAl(ts[k].norm))) {
      k++;
      continue;
    }
    const a = matchAlias(ts, k, gaz);
    if (!a || a.alias.entry.type === 'person') break;
    const e = a.alias.entry;
    skipped.push({ key: e.key, type: e.type, name: e.name, surface: text.slice(ts[k].start, ts[a.end - 1].end) });
    k = a.end;
  }
  // an apposition after a comma is still the name: "وزير الدفاع الأمريكي، مارك إسبر"
  if (k >= ts.length || (ts[k].brk && !commaBefore(ts, k, text)) || ts[k].kind !== 'arabic') return null;
  // a listed person right here: "الرئيس | عبد الفتاح السيسي", "الملك | سلمان بن عبد العزيز"
  const listed = matchAlias(ts, k, gaz);
  if (listed && listed.alias.entry.type === 'person') {
    found.push(...skipped);
    const e = listed.alias.entry;
    const last = ts[listed.end - 1].norm;
    if (ts[listed.end - 1].kind === 'arabic')
      for (const f of new Set([last, dropAl(last)])) if (f.length >= 3) local.set(f, { key: e.key, name: e.name });
    return {
      found: { key: e.key, type: 'person', name: e.name, surface: text.slice(ts[k].start, ts[listed.end - 1].end) },
      end: listed.end,
    };
  }
  // otherwise read name words
  let end = k;
  let max = NAME_MAX;
  while (end < ts.length && end - k < max) {
    const t = ts[end];
    if (t.kind !== 'arabic' || (end > k && t.brk) || t.norm.length < 2) break;
    if (STOPWORDS.has(t.norm) || NOT_NAME.has(t.norm) || NOT_NAME.has(dropAl(t.norm))) break;
    if (matchTitle(ts, end, gaz) > end || matchAlias(ts, end, gaz)) break;
    // a word with ال in a name is a family nisba ending in ي (الكاظمي, الصفدي); "التعاون" is not a name
    if (t.norm.startsWith('ال') && !t.norm.endsWith('ي') && !NAME_LINKS.has(ts[end - 1]?.norm ?? '')) break;
    if (NAME_LINKS.has(t.norm)) max = NAME_MAX + 1;
    // a third word with a preposition is what the person does, not their name: "فؤاد حسين لمناقشة", "بمشاركة"
    if (end - k >= 2 && /^[لب]/.test(t.norm) && !NAME_LINKS.has(ts[end - 1].norm)) break;
    // after the first word, "و" with an article or a verb's prefix starts what follows the name ("الأمير حمزة
    // والوضع تحت السيطرة", "حمزة ويعرض"): names that begin with و (وليد, وائل) have neither
    if (end > k && /^و(?:ال|[يتن])/.test(t.norm)) break;
    // two clitics before a word are never a name's start: "والحداد لمدة 40 يوما", "وبصفة مؤقتة", "للأمير" (a
    // "و" and an article of 3 letters or more: والي and والتر are names)
    if (DOUBLE_CLITIC.test(t.norm)) break;
    end++;
  }
  // one word is a name only as a family nisba ("رئيس الوزراء الكاظمي"), never "ضرورة"
  if (end === k || (end - k === 1 && !(ts[k].norm.startsWith('ال') && ts[k].norm.endsWith('ي')))) return null;
  found.push(...skipped);
  const last = ts[end - 1].norm;
  const name = text.slice(ts[k].start, ts[end - 1].end);
  const key = gaz.personSkeletons.get(skeleton(last)) ?? `person:${skeleton(last)}`;
  const display = gaz.entries.get(key)?.name ?? name;
  // the article may now call them by the last name alone: "الصفدي", "وأضاف الصفدي"
  if (end - k >= 2)
    for (const f of new Set([last, dropAl(last)])) if (f.length >= 3) local.set(f, { key, name: display });
  return { found: { key, type: 'person', name: display, surface: name }, end };
}

/** Only a comma (and spaces) between token k−1 and token k. */
const commaBefore = (ts: Tok[], k: number, text: string): boolean =>
  k > 0 && /^\s*[،,]\s*$/.test(text.slice(ts[k - 1].end, ts[k].start));

/** One mention per key, in order of first appearance; surfaces and titles as written. */
function merge(found: Found[]): PersonMention[] {
  const byKey = new Map<string, PersonMention>();
  for (const f of found) {
    let m = byKey.get(f.key);
    if (!m) byKey.set(f.key, (m = { key: f.key, type: f.type, name: f.name, surface: [], count: 0 }));
    m.count++;
    if (!m.surface.includes(f.surface) && m.surface.length < 8) m.surface.push(f.surface);
    if (f.title) {
      m.titles ??= [];
      if (!m.titles.includes(f.title)) m.titles.push(f.title);
    }
  }
  return [...byKey.values()];
}
