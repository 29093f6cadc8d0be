/**
 * The reader at the head of a pipeline: files and folders (text, JSONL, HTML, WARC; src/ingest)
 * as Articles. An input that cannot be read is reported to the run's rejects sink with its error
 * code (`ingest/error/<code>`) and goes no further; every input is counted (`ingest/in`).
 */
import type { Article } from '../../core/article.js';
import type { Stage } from '../../core/stage.js';
import { readDocuments, type ReadOptions } from '../../ingest/index.js';

export interface ReadStageOptions extends ReadOptions {
  /** Sets fields an input cannot carry (src/pipeline/manifest.ts), as soon as it is read. */
  patch?: (a: Article) => void;
}

export function readStage(paths: string[], opts: ReadStageOptions = {}): Stage {
  return {
    name: 'ingest',
    async *run(_nothing, ctx) {
      for await (const item of readDocuments(paths, opts)) {
        ctx.inc('in');
        ctx.progress?.tick();
        if (!item.ok) {
          ctx.unreadable(item.source, item.error.code, item.error.message, item.line);
          continue;
        }
        ctx.inc('read');
        opts.patch?.(item.article);
        yield item.article;
      }
    },
  };
}
