/**
 * src/stories: for every article, the event it reports, the story it belongs to,
 * and why. The pipeline calls `new Clusterer().add(article)`; `toJSON()` and
 * `Clusterer.fromJSON(state)` carry the clustering over to a later run.
 */
export {
  CLUSTER_BATCH,
  Clusterer,
  DEFAULT_PARAMS,
  MIN_ARABIC_SHARE,
  type ClusterParams,
  type ClustererOptions,
  type ClustererState,
} from './clusterer.js';
export { extractEntities, type PersonMention } from './entities.js';
export { announcedDate, resolveEventDate, type Announced, type EventDate } from './dates.js';
export { Gazetteer, loadGazetteer, defaultGazetteer, type GazetteerEntry } from './gazetteer/index.js';
export { EVENT_THRESHOLD, EVENT_BOOST } from './events.js';
export { STORY_THRESHOLD, STORY_BOOST, STORY_WINDOW_DAYS, EVENT_WINDOW_DAYS } from './stories.js';
