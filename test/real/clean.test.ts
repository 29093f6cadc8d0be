/**
 * The cleaner on real pages nobody here wrote, with pinned floors a little under what was measured
 * (`npm run eval:clean -- <file> --alone` prints the same figures). Each set is gated apart:
 *   - ../shared/eval-dev/clean_real.jsonl: 49 pages, 48 sites. Developed on: fitted figures.
 *   - our own sets in test/fixtures/real/clean/, each labelled by helpers who never ran khabar on them,
 *     measured blind once, and from then on development data (tuned on, and the learned models trained
 *     on them): pages.jsonl (163 pages), fresh.jsonl (57), dev2.jsonl (97), dev3.jsonl (97), dev4.jsonl (92),
 *     dev5.jsonl (72), dev6.jsonl (79), dev7.jsonl (80), dev8.jsonl (80). Fitted figures.
 *   - heldout.jsonl, heldout2.jsonl and heldout3.jsonl: the three newest batches, never read, never trained on: the figures for
 *     pages the cleaner has not seen. Their gates name no lines when they fail.
 * Every set also runs the negatives test: every labelled body line cleaned alone must come out as body
 * (fewer than 0.5 % may be lost).
 */
import { describe, expect, it } from 'vitest';
import { bodyLinesAlone, evaluateClean } from '../eval/clean-metrics.js';
import { readGold } from '../eval/clean.js';
import type { GoldDoc } from '../eval/clean-metrics.js';
import { evalDevFile } from './eval-dev.js';

/** Issue 10: fewer than 0.5 % of real body paragraphs may be dropped when cleaned alone. */
const MAX_ALONE_DROP = 0.005;

interface Floors {
  f1: number;
  titleAccuracy: number;
  titleFound: number;
  datelineAccuracy: number;
  datelineFound: number;
}

/** `quiet`: a failure names no lines of the set (the held-out set is not to be read). */
function gate(name: string, load: () => GoldDoc[], floors: Floors, minPages: number, quiet = false) {
  describe(`cleaning ${name}`, () => {
    const gold = load();
    const s = evaluateClean(gold);
    it(`should run on at least ${minPages} labelled pages`, () => expect(s.docs).toBeGreaterThanOrEqual(minPages));
    it(`should keep body-token F1 at or above ${floors.f1}`, () => expect(s.f1).toBeGreaterThanOrEqual(floors.f1));
    it(`should find the title on at least ${floors.titleAccuracy} of pages (${floors.titleFound} of titled ones)`, () => {
      expect(s.titleAccuracy).toBeGreaterThanOrEqual(floors.titleAccuracy);
      expect(s.titleFound).toBeGreaterThanOrEqual(floors.titleFound);
    });
    it(`should find the dateline on at least ${floors.datelineAccuracy} of pages (${floors.datelineFound} of those with one)`, () => {
      expect(s.datelineAccuracy).toBeGreaterThanOrEqual(floors.datelineAccuracy);
      expect(s.datelineFound).toBeGreaterThanOrEqual(floors.datelineFound);
    });
    it(`should keep every body line cleaned alone (at most ${MAX_ALONE_DROP * 100} % lost)`, () => {
      const alone = bodyLinesAlone(gold);
      expect(alone.lines).toBeGreaterThan(100);
      expect(
        alone.dropped.length / alone.lines,
        quiet ? `${alone.dropped.length} lines lost` : JSON.stringify(alone.dropped.slice(0, 5)),
      ).toBeLessThan(MAX_ALONE_DROP);
    });
  });
}

// measured on 2026-12-03 (end of session): F1 0.999, title 1.000 (1.000 of titled pages), dateline 1.000 (1.000)
gate(
  'eval-dev clean_real.jsonl (developed on)',
  () => readGold(evalDevFile('clean_real.jsonl')),
  {
    f1: 0.99,
    titleAccuracy: 0.97,
    titleFound: 0.97,
    datelineAccuracy: 0.97,
    datelineFound: 0.93,
  },
  40,
);

const OWN = (name: string) => () => readGold(`test/fixtures/real/clean/${name}`);

// measured on 2026-12-03 (end of session): F1 0.990, title 0.939 (0.927 of titled pages), dateline 0.969 (0.900);
// the whole set before issue 10: F1 0.939, title 0.675, dateline 0.804
gate(
  'our real set pages.jsonl (developed on)',
  OWN('pages.jsonl'),
  { f1: 0.98, titleAccuracy: 0.9, titleFound: 0.89, datelineAccuracy: 0.94, datelineFound: 0.86 },
  160,
);

// measured blind on 2026-12-03 before any tuning on it: F1 0.947, title 0.772, dateline 0.825; then developed on:
// F1 0.955, title 0.930 (0.906), dateline 0.912 (0.737)
gate(
  'our real set fresh.jsonl (developed on after its blind measurement)',
  OWN('fresh.jsonl'),
  { f1: 0.94, titleAccuracy: 0.9, titleFound: 0.87, datelineAccuracy: 0.88, datelineFound: 0.7 },
  55,
);

// measured blind on 2026-12-03: F1 0.939, title 0.876, dateline 0.794; then developed on:
// F1 0.954, title 0.907 (0.925), dateline 0.928 (0.825)
gate(
  'our real set dev2.jsonl (developed on after its blind measurement)',
  OWN('dev2.jsonl'),
  { f1: 0.94, titleAccuracy: 0.88, titleFound: 0.9, datelineAccuracy: 0.9, datelineFound: 0.79 },
  90,
);

// measured blind on 2026-12-03: F1 0.975, title 0.907, dateline 0.804; then developed on:
// F1 0.974, title 0.907 (0.915), dateline 0.907 (0.750)
gate(
  'our real set dev3.jsonl (developed on after its blind measurement)',
  OWN('dev3.jsonl'),
  { f1: 0.96, titleAccuracy: 0.88, titleFound: 0.89, datelineAccuracy: 0.88, datelineFound: 0.72 },
  90,
);

// measured blind on 2026-12-03: F1 0.975, title 0.913, dateline 0.837; then developed on:
// F1 0.975, title 0.913 (0.914), dateline 0.913 (0.793)
gate(
  'our real set dev4.jsonl (developed on after its blind measurement)',
  OWN('dev4.jsonl'),
  { f1: 0.96, titleAccuracy: 0.89, titleFound: 0.89, datelineAccuracy: 0.89, datelineFound: 0.76 },
  90,
);

// measured blind once on 2026-12-03 (the fifth batch, 72 pages from 72 sites): F1 0.968 (P 0.956, R 0.981),
// title 0.917 (0.875 of titled pages), dateline 0.792 (0.500); then developed on (the second-part and site-name
// credits, the models retrained with it and with each later batch): F1 0.983, title 0.931 (0.900), dateline 0.903 (0.846)
gate(
  'our real set dev5.jsonl (developed on after its blind measurement)',
  OWN('dev5.jsonl'),
  { f1: 0.97, titleAccuracy: 0.91, titleFound: 0.88, datelineAccuracy: 0.88, datelineFound: 0.8 },
  70,
);

// measured blind once on 2026-12-03 (the sixth batch, 79 pages from 79 sites), with the cleaner of that afternoon
// (second-part and site-name credits, models retrained with dev5): F1 0.959 (P 0.922, R 0.999), title 0.924
// (0.938 of titled pages), dateline 0.937 (0.871); the cleaner at the start of that session: F1 0.959, title
// 0.924, dateline 0.924 (0.839). Then developed on: F1 0.984, title 0.937 (0.938), dateline 0.937 (0.839).
gate(
  'our real set dev6.jsonl (developed on after its blind measurement)',
  OWN('dev6.jsonl'),
  { f1: 0.97, titleAccuracy: 0.91, titleFound: 0.91, datelineAccuracy: 0.91, datelineFound: 0.8 },
  75,
);

// measured blind once on 2026-12-03 (the seventh batch, 80 pages from 80 sites), with the cleaner of commit e1f9f54:
// F1 0.960 (P 0.947, R 0.974), title 0.913 (0.921 of titled pages), dateline 0.863 (0.609); the cleaner at the
// start of that session: F1 0.963 (P 0.947, R 0.979), title 0.913, dateline 0.850 (0.565). Then developed on:
// F1 0.971, title 0.925 (0.947), dateline 0.925 (0.826).
gate(
  'our real set dev7.jsonl (developed on after its blind measurement)',
  OWN('dev7.jsonl'),
  { f1: 0.96, titleAccuracy: 0.9, titleFound: 0.92, datelineAccuracy: 0.9, datelineFound: 0.8 },
  75,
);

// measured blind once on 2026-12-03 (the eighth batch, 80 pages from 80 sites), with the cleaner of commit b792019:
// F1 0.962 (P 0.932, R 0.994), title 0.838 (0.795 of titled pages), dateline 0.900 (0.767); the cleaner at the
// start of that session: F1 0.939 (P 0.892, R 0.992), title 0.825, dateline 0.875 (0.700). Then developed on:
// F1 0.968, title 0.850 (0.795), dateline 0.900 (0.767).
gate(
  'our real set dev8.jsonl (developed on after its blind measurement)',
  OWN('dev8.jsonl'),
  { f1: 0.955, titleAccuracy: 0.83, titleFound: 0.77, datelineAccuracy: 0.88, datelineFound: 0.74 },
  75,
);

// measured blind once on 2026-12-03 (the ninth batch, 80 pages from 80 sites), with the cleaner of commit da4502d:
// F1 0.979 (P 0.968, R 0.990), title 0.900 (0.906 of titled pages), dateline 0.913 (0.793); the cleaner at the start
// of that session: F1 0.977 (P 0.964, R 0.990), title 0.875, dateline 0.863 (0.655). Never read, never trained on.
gate(
  'our real set heldout.jsonl (never read, never trained on)',
  OWN('heldout.jsonl'),
  { f1: 0.97, titleAccuracy: 0.89, titleFound: 0.89, datelineAccuracy: 0.9, datelineFound: 0.78 },
  75,
  true,
);

// measured blind once on 2026-12-03 (the tenth batch, 78 pages from 78 sites), with the same cleaner as heldout.jsonl
// (commit 300e04f): F1 0.967 (P 0.952, R 0.982), title 0.910 (0.875 of titled pages), dateline 0.795 (0.519); the
// cleaner at the start of that session: F1 0.958 (P 0.922, R 0.997), title 0.885, dateline 0.782 (0.481). Both
// held-out batches pooled (158 pages): F1 0.973 (P 0.960, R 0.986), title 0.905, dateline 0.854.
gate(
  'our real set heldout2.jsonl (never read, never trained on)',
  OWN('heldout2.jsonl'),
  { f1: 0.96, titleAccuracy: 0.9, titleFound: 0.86, datelineAccuracy: 0.78, datelineFound: 0.5 },
  75,
  true,
);

// measured blind once on 2026-12-03 (the eleventh batch, 80 pages from 80 sites), with the cleaner of commit e9dc863:
// F1 0.968 (P 0.957, R 0.979), title 0.938 (0.925 of titled pages), dateline 0.900 (0.667); the cleaner at the start
// of that session: F1 0.963, title 0.938, dateline 0.825 (0.458). The three held-out batches pooled (238 pages),
// with that final cleaner: F1 0.971 (P 0.959, R 0.984), title 0.916, dateline 0.870; 0 of 800 body lines lost alone.
gate(
  'our real set heldout3.jsonl (never read, never trained on)',
  OWN('heldout3.jsonl'),
  { f1: 0.96, titleAccuracy: 0.92, titleFound: 0.9, datelineAccuracy: 0.88, datelineFound: 0.62 },
  75,
  true,
);
