/**
 * Words that say what kind of happening a report is about, on normalized text (ا for أ/إ/آ, ه for ة, ي for ى).
 * Read by src/stories/happening.ts from the headline and the lede. Each pattern has its example; the sites
 * that needed them are in the eval-dev events set (match previews and results, calls and meetings).
 */
const W = (s: string) => `(?<![\\u0621-\\u064a])(?:[وفبل]|ال)?(?:${s})(?![\\u0621-\\u064a])`;

/** A preview: the match or launch is still ahead ("تعرف على موعد نهائي …", "بعد ساعات معدودة", "يحتضن ملعب"). */
export const PREVIEW = new RegExp(
  W(
    [
      'موعد (?:مباراه|نهائي|مواجهه|انطلاق)',
      'تعرف علي',
      'القنوات الناقله',
      'التشكيل المتوقع',
      'بعد ساعات',
      'علي موعد مع',
      'يحتضن',
      'تبحث عن',
      'يبحث عن',
      // "يلتقي النادي الأهلي المصري مع كايزر تشيفز، مساء السبت"
      'يلتقي(?: [\\u0621-\\u064a]+){1,4} (?:مع|في)',
      // a vote under way, its result still ahead: "الجزائريون يختارون اليوم رئيسا جديدا", "للإدلاء بأصواتهم"
      'يختارون',
      'للادلاء باصواتهم',
      'يدلون باصواتهم',
      // "تتجه أنظار الجماهير العربية مساء اليوم إلى ملعب لوسيل"
      'تتجه انظار',
      'يدرس',
      'تدرس',
    ].join('|'),
  ),
);

/**
 * A weaker sign of a preview, read only when no result word is found: "المغرب يواجه الأردن في تتويج كأس العرب" (the
 * final is tonight), while a result often names the next match ("فيما يواجه منتخب المغرب نظيره الكرواتي … السبت").
 */
export const PREVIEW_WEAK = new RegExp(
  W(
    [
      'يواجه',
      'تواجه',
      // "يستعد حامل اللقب منتخب فرنسا للمواجهة القوية المنتظرة", "مواجهة مرتقبة", "القمة المرتقبة"
      'يستعد',
      'تستعد',
      'مرتقبه',
      'المرتقبه',
      'المنتظره',
    ].join('|'),
  ),
);

/** A result: it happened and has a winner ("توج الأهلي", "تغلب على", "يهزم تونس", "تقصي مصر", "أحرزت اللقب"). */
export const RESULT = new RegExp(
  W(
    [
      'توج',
      'تتوج',
      'يتوج',
      'تتويج',
      'بطلا',
      'احرز',
      'احرزت',
      'حصد',
      'يهزم',
      'تهزم',
      'تغلب',
      // "بعد تغلبه على نظيره المغربي بهدفين"
      'تغلبه',
      'تغلبها',
      'فوزه',
      'فوزها',
      'تفوز',
      'يفوز',
      'فاز',
      'فازت',
      'تقصي',
      'يقصي',
      'انتزع',
      'اقتنص',
      'يقتنص',
      'بنتيجه',
    ].join('|'),
  ),
);

/** Acts, in the order they are tried; the first named in the headline (else the lede) is the report's act. */
export const HAPPENING_ACTS: [string, RegExp][] = [
  // "تلقى اتصالا هاتفيا من", "مكالمة هاتفية"
  ['call', new RegExp(W('اتصالا هاتفيا|اتصال هاتفي|اتصالا|مكالمه هاتفيه|هاتفيا'))],
  // "التقى رئيس الوزراء", "يستقبل", "اجتماعا افتراضيا", "لقاء تاريخيا"
  ['meeting', new RegExp(W('التقي|يلتقي|التقت|استقبل|يستقبل|اجتماع|اجتماعا|اجتمع|لقاء|مباحثات|يبحث مع|بحث مع'))],
  // "محاولة اغتيال", "استهداف منزل", "انفجار قوي"
  ['attack', new RegExp(W('اغتيال|استهداف|هجوم|انفجار|تفجير|قصف'))],
  // "وصول أول شحنة", "الدفعة الأولى من لقاح"
  ['shipment', new RegExp(W('شحنه|دفعه|الشحنه|الدفعه'))],
  // "يصل إلى واشنطن", "زيارة رسمية"
  ['visit', new RegExp(W('زياره|يزور|يصل|وصل'))],
  // "حاز على 72 صوتا", "التصويت على"
  ['vote', new RegExp(W('تصويت|صوتا|اصوات'))],
  // "قضت المحكمة", "حكم بالسجن", "أصدرت محكمة أمن الدولة، الاثنين، حكمها" (not حكمه: "رأس الحكمة"), "السجن 15 عاما", "ببراءة"
  ['verdict', new RegExp(W('قضت|حكما|حكمها|حكم بالسجن|الحكم علي|السجن|بالسجن|بالاعدام|براءه|ببراءه'))],
  // "هزة ارتدادية"
  ['aftershock', new RegExp(W('هزه ارتداديه|هزات ارتداديه'))],
];

/** Arabic ordinals, normalized ("العاشرة" → العاشره → 10); "أول" as in "أول شحنة". */
export const ORDINAL_WORDS: Record<string, number> = {
  اول: 1,
  الاول: 1,
  الاولي: 1,
  ثاني: 2,
  الثاني: 2,
  الثانيه: 2,
  ثالث: 3,
  الثالث: 3,
  الثالثه: 3,
  رابع: 4,
  الرابع: 4,
  الرابعه: 4,
  خامس: 5,
  الخامس: 5,
  الخامسه: 5,
  السادس: 6,
  السادسه: 6,
  السابع: 7,
  السابعه: 7,
  الثامن: 8,
  الثامنه: 8,
  التاسع: 9,
  التاسعه: 9,
  العاشر: 10,
  العاشره: 10,
  'الحادي عشر': 11,
  'الحاديه عشره': 11,
  'الحاديه عشر': 11,
  'الثاني عشر': 12,
  'الثانيه عشره': 12,
  'الثانيه عشر': 12,
};

/**
 * Compound ordinals past twelve, "الحادية والثلاثين" (31): a unit word, "و", a tens word. Units as written in
 * compounds (الحادي for 1), tens in both cases ("الدورة الحادية والثلاثين", "القمة الثانية والثلاثون").
 */
export const ORDINAL_UNITS: Record<string, number> = {
  الحادي: 1,
  الحاديه: 1,
  الثاني: 2,
  الثانيه: 2,
  الثالث: 3,
  الثالثه: 3,
  الرابع: 4,
  الرابعه: 4,
  الخامس: 5,
  الخامسه: 5,
  السادس: 6,
  السادسه: 6,
  السابع: 7,
  السابعه: 7,
  الثامن: 8,
  الثامنه: 8,
  التاسع: 9,
  التاسعه: 9,
};
export const ORDINAL_TENS: Record<string, number> = {
  العشرين: 20,
  الثلاثين: 30,
  الاربعين: 40,
  الخمسين: 50,
  الستين: 60,
  السبعين: 70,
  الثمانين: 80,
  التسعين: 90,
  // in a headline's nominative: "القمة العربية الثانية والثلاثون"
  العشرون: 20,
  الثلاثون: 30,
  الاربعون: 40,
  الخمسون: 50,
  الستون: 60,
  السبعون: 70,
  الثمانون: 80,
  التسعون: 90,
};

/**
 * A third party's reaction to a happening: congratulations, condolences, a welcome, praise. Both real sets label
 * a reaction its own event of the story, even on the same day ("رانيا يوسف تهنئ الشيخ محمد بن زايد", "حرص البابا
 * تواضروس على تقديم التعازي في وفاة الشيخ خليفة", "رفع أمير المنطقة الشرقية أسمى آيات التهاني … بمناسبة صدور
 * الميزانية"). Read from the headline and the opening of the lede only (REACTION_CHARS): a report of the happening
 * itself often ends with the condolences it drew.
 */
export const REACTION = new RegExp(
  W(
    [
      'تهنئ',
      'يهنئ',
      'هنات',
      'تهنئه',
      'التهاني',
      'التهنئه',
      'بالتهنئه',
      'تعزي',
      'يعزي',
      'التعازي',
      'بالتعازي',
      'تعزيه',
      'برقيه عزاء',
      // not نعى: "نعى الديوان الأميري … وفاة أمير الكويت" is the party's own announcement of the death
      'يرحب',
      'ترحب',
      'رحب',
      'رحبت',
      'اشاد',
      'اشادت',
      'يشيد',
      'تشيد',
    ].join('|'),
  ),
);
