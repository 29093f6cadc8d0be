/**
 * Cluster stage: articles/s and peak memory on a generated stream of wire copy.
 * ~1 000 articles a day from templates (meetings, matches, weather, courts,
 * markets); each event gets 1–8 reports over its day and the next, a third of
 * events follow up an earlier story. The stream is generated lazily, so memory
 * is the clusterer's: runs at 25k, 50k and 100k should show the same peak if
 * old events leave the active window.
 */
import { newArticle, type Article } from '../src/core/article.js';
import { CLUSTER_BATCH, Clusterer } from '../src/stories/index.js';
import { measure, pick, rng, type BenchOptions, type BenchResult } from './lib.js';

const PEOPLE = [
  'مصطفى الكاظمي',
  'محمد شياع السوداني',
  'عبد الفتاح السيسي',
  'رجب طيب أردوغان',
  'أيمن الصفدي',
  'ينس ستولتنبرغ',
  'عبد المجيد تبون',
  'قيس سعيد',
  'نجيب ميقاتي',
  'مصطفى مدبولي',
  'أنطونيو غوتيريش',
  'محمد بن سلمان',
];
const TITLES = ['رئيس الوزراء', 'الرئيس', 'وزير الخارجية', 'الأمين العام', 'رئيس مجلس الوزراء'];
const CITIES = [
  'بغداد',
  'القاهرة',
  'عمان',
  'الرياض',
  'بيروت',
  'دمشق',
  'تونس',
  'الرباط',
  'الجزائر',
  'الدوحة',
  'أبوظبي',
  'بروكسل',
  'أنقرة',
  'باريس',
  'جنيف',
  'طنجة',
  'البصرة',
  'أربيل',
  'الإسكندرية',
  'جدة',
];
const ORGS = [
  'الناتو',
  'الأمم المتحدة',
  'الاتحاد الأوروبي',
  'جامعة الدول العربية',
  'صندوق النقد الدولي',
  'البنك الدولي',
  'الأهلي',
  'الزمالك',
  'الوداد',
  'الترجي',
];
const DAYS = ['الأحد', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة', 'السبت'];
const FILLER = [
  'وأكد الجانبان أهمية تعزيز التعاون في المجالات المختلفة بما يخدم مصالح البلدين.',
  'وذكر بيان رسمي أن اللقاء تناول آخر التطورات الإقليمية والدولية.',
  'وأشار المصدر إلى أن الاجتماع جرى في أجواء إيجابية وبناءة.',
  'ومن المقرر أن تستكمل اللجان الفنية المباحثات خلال الأيام المقبلة.',
  'ولم تصدر تفاصيل إضافية حتى ساعة إعداد هذا الخبر.',
  'وكانت الجهات المختصة قد أعلنت في وقت سابق عن إجراءات جديدة.',
];
const KINDS = [
  (e: Ev) => `${e.title} ${e.person} يبحث مع ${e.org} في ${e.city} ${e.words.slice(0, 3).join(' ')}`,
  (e: Ev) => `${e.org} يعلن ${e.words[0]} ${e.words[1]} في ${e.city} بحضور ${e.person}`,
  (e: Ev) => `${e.city}: ${e.words.slice(0, 2).join(' ')} و${e.words[2]} بعد لقاء ${e.person} و${e.org}`,
];

interface Ev {
  id: number;
  day: number;
  person: string;
  title: string;
  city: string;
  org: string;
  words: string[];
  kind: number;
}

/** A pseudo-Arabic vocabulary: what makes one event's reports alike and unlike another's. */
function vocabulary(r: () => number, n: number): string[] {
  const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
  const out = new Set<string>();
  while (out.size < n) {
    let w = '';
    const len = 3 + Math.floor(r() * 5);
    for (let i = 0; i < len; i++) w += letters[Math.floor(r() * letters.length)];
    out.add(w);
  }
  return [...out];
}

const iso = (day: number) => new Date(Date.UTC(2023, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

/** The stream: events ~160 a day, 1–8 reports each (≈ 1 000 articles a day), yielded lazily in published order. */
export function* generate(n: number, seed: number): Generator<Article> {
  const r = rng(seed);
  const vocab = vocabulary(r, 20_000);
  let made = 0;
  let evId = 0;
  const recent: Ev[] = [];
  for (let day = 0; made < n; day++) {
    const today: Article[] = [];
    for (let k = 0; k < 160 && made + today.length < n; k++) {
      // a third of events follow up a recent one: same person, city and org, new words
      const prev = recent.length && r() < 0.33 ? pick(r, recent) : null;
      const e: Ev = {
        id: evId++,
        day,
        person: prev?.person ?? pick(r, PEOPLE),
        title: pick(r, TITLES),
        city: prev?.city ?? pick(r, CITIES),
        org: prev?.org ?? pick(r, ORGS),
        words: Array.from({ length: 8 }, () => pick(r, vocab)),
        kind: Math.floor(r() * KINDS.length),
      };
      recent.push(e);
      if (recent.length > 400) recent.shift();
      const reports = 1 + Math.floor(r() * r() * 8);
      for (let j = 0; j < reports; j++) {
        const late = j > 0 && r() < 0.3;
        const when = late ? `أمس ${DAYS[(day + 7) % 7]}` : `اليوم ${DAYS[day % 7]}`;
        const body = [
          `${e.title} ${e.person} ${when} في ${e.city} ${e.words.slice(0, 4).join(' ')} مع ممثلي ${e.org}.`,
          `${e.words.slice(2, 6).join(' ')} ${pick(r, FILLER)}`,
          `${pick(r, FILLER)} ${e.words.slice(4, 8).join(' ')} ${pick(r, vocab)} ${pick(r, vocab)}.`,
          pick(r, FILLER),
        ].join('\n');
        today.push(
          newArticle({
            id: `g${e.id}-${j}`,
            source: 'bench',
            raw: body,
            title: KINDS[e.kind](e),
            published: iso(late ? day + 1 : day),
          }),
        );
      }
    }
    // sort by published date so "tomorrow's" late reports arrive tomorrow
    today.sort((a, b) => (a.published! < b.published! ? -1 : a.published! > b.published! ? 1 : 0));
    for (const a of today) {
      yield a;
      made++;
    }
  }
}

async function runSize(n: number, seed: number): Promise<BenchResult> {
  let bytes = 0;
  let info = { events: 0, stories: 0, active: 0, heapMB: 0 };
  const m = await measure(() => {
    const c = new Clusterer({ now: '2030-01-01' });
    // as `khabar cluster` does: batches of CLUSTER_BATCH, clustered in canonical order
    let batch: Article[] = [];
    for (const a of generate(n, seed)) {
      bytes += a.raw.length * 2 + (a.title?.length ?? 0) * 2;
      batch.push(a);
      if (batch.length >= CLUSTER_BATCH) batch = (c.addBatch(batch), []);
    }
    c.addBatch(batch);
    (globalThis as { gc?: () => void }).gc?.();
    info = {
      events: c.counts.events,
      stories: c.counts.stories,
      active: c.activeEvents,
      heapMB: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    };
  });
  return {
    stage: 'cluster',
    corpus: `cluster ${n.toLocaleString('en-US').replace(/,/g, ' ')} generated articles`,
    docs: n,
    bytes,
    seconds: m.seconds,
    peakRssMB: m.peakRssMB,
    extra: { events: info.events, stories: info.stories, active_events: info.active, heap_after_MB: info.heapMB },
  };
}

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  for (const size of [25_000, 50_000, 100_000])
    out.push(await runSize(Math.max(100, Math.round(size * opts.scale)), opts.seed));
  return out;
}
