/**
 * Arabic function words, in normalized form (ة→ه, ى→ي, أ/إ/آ→ا), for term
 * weighting and clustering. Content words such as حكومه or رئيس are not here:
 * they carry meaning in news.
 */
import { normalize } from './normalize.js';

const RAW = `
في من على الى إلى عن مع ان أن إن انه أنه إنه انها أنها إنها كان كانت يكون تكون كما لكن لكنه بل او أو ثم حتى اذا إذا
قد لقد لم لن لا ما ماذا متى اين أين كيف هل هذا هذه ذلك تلك هؤلاء اولئك أولئك الذي التي الذين اللذين اللتين اللواتي
هو هي هم هن هما انت أنت انا أنا نحن كل بعض غير بين عند عندما حيث منذ خلال قبل بعد فوق تحت امام أمام خلف دون ضد نحو
لدى لدي اي أي ايضا أيضا فقط كذلك وقد وكان وكانت وهو وهي وفي ومن وعلى والى وإلى وعن ومع وان وأن وإن ولا ولم ولن
فيه فيها منه منها عليه عليها اليه إليه اليها إليها عنه عنها له لها لهم به بها بهم بذلك لذلك وذلك هناك هنا الان الآن
اليوم امس أمس غدا عام سنه يوم اذ إذ اما أما الا إلا سوف ليس ليست اكثر أكثر اقل أقل جدا وقال قال وقالت قالت واضاف وأضاف
اضاف أضاف واكد وأكد اكد أكد مشيرا مشيرة موضحا موضحة لافتا يذكر ويذكر وفقا وفق عبر الي علي حول ازاء إزاء تجاه
`;

export const STOPWORDS: ReadonlySet<string> = new Set(
  RAW.split(/\s+/)
    .filter(Boolean)
    .map((w) => normalize(w)),
);

export function isStopword(normalizedWord: string): boolean {
  return STOPWORDS.has(normalizedWord);
}
