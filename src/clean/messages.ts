/**
 * What the cleaner says when a step other than a line rule drops a line. A line rule says its own
 * message (src/clean/line-rules.ts, `test()`), and that message is what the Reason keeps; the steps
 * here judge a line by its neighbours or the site, so the message names that evidence.
 */
export const DROP_MESSAGES: Readonly<Record<string, string>> = {
  'clean/caption': 'a caption closed by its photo credit, above the lead',
  'clean/date-leak': "a scraper's leaked date prefix, and nothing else",
  'clean/furniture':
    "furniture by its shape and its neighbours' (the learned line model; the evidence names the features)",
  'clean/foreign-line': 'a line with no Arabic letter on an Arabic page (an English caption, an embedded post)',
  'clean/header': 'a short line between the headline and the first paragraph (caption, byline or date)',
  'clean/masthead': 'the site name or section above the headline',
  'clean/navigation': 'a menu item on a page of menus only',
  'clean/related': 'a related-articles heading or a headline link under it',
  'clean/repeated-paragraph': 'repeats an earlier paragraph',
  'clean/site-boilerplate': "recurs on at least half of this site's documents",
  'clean/tags': 'a tag heading or a tag under it',
  'clean/teaser':
    "a teaser of another article (an excerpt above its link, under the site's own credit, one of several cut off with an ellipsis, or a paragraph above the headline that does not restate it)",
  'clean/template-leak': 'an unrendered template placeholder',
  'clean/timestamp': 'a date and time line (the date goes to published)',
  'clean/title-copy': 'another copy of the headline',
  'clean/trailing-links': 'a headline link after the last body paragraph',
};
