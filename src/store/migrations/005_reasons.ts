/**
 * Provenance in one shape (src/core/trace.ts): every removed line and every note behind a
 * clustering decision is a Reason {rule, action, message, place?, evidence?, text?}.
 *
 * 1. removed_lines: the `reason` column held a rule id; it is now `rule`, beside the rule's own
 *    `message` ("share bar", "repeats line 3"). Rows stored before messages were kept get
 *    "dropped by <rule>": the rule's message was thrown away then and cannot be recovered.
 * 2. articles.why: `reasons` was a list of rule ids (["stories/no-date"]); now it holds the Reasons
 *    themselves. Each is the note with that rule in the article's own trace (where the clusterer put
 *    it, with its message and evidence), else a bare note naming the rule.
 */
export const name = 'reasons';

export const sql = `ALTER TABLE removed_lines RENAME COLUMN reason TO rule;
ALTER TABLE removed_lines ADD COLUMN message TEXT NOT NULL DEFAULT '';
UPDATE removed_lines SET message = 'dropped by ' || rule WHERE message = '';
UPDATE articles SET why = json_set(why, '$.reasons', (
    SELECT json_group_array(coalesce(
      (SELECT json(t.value) FROM json_each(articles.trace) t WHERE json_extract(t.value, '$.rule') = r.value LIMIT 1),
      json_object('rule', r.value, 'action', 'note', 'message', r.value)))
    FROM json_each(articles.why, '$.reasons') r))
  WHERE json_type(why, '$.reasons[0]') = 'text';`;
