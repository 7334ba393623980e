// Tag chips: the checked ones (all must match), the most common others, and a key=value box
// (with the known tags as suggestions) for the rest.
import { useState, type FormEvent, type JSX } from 'react';
import { parseTagFilter, tagLabel, type TagFilter } from '../../lib/filter';
import { getStore, useSandlot } from '../../store';
import { Chip } from '../../ui/Chip';

const SUGGESTED_TAGS = 6;

export function TagFilters({ tags }: { tags: ReadonlyArray<TagFilter & { count: number }> }): JSX.Element {
  const active = useSandlot((s) => s.filters.tags);
  const [draft, setDraft] = useState('');
  const on = new Set(active.map(tagLabel));
  const suggestions = tags.filter((t) => !on.has(tagLabel(t))).slice(0, SUGGESTED_TAGS);
  const counts = new Map(tags.map((t) => [tagLabel(t), t.count]));

  const add = (e: FormEvent) => {
    e.preventDefault();
    const tag = parseTagFilter(draft);
    if (!tag) return;
    if (!on.has(tagLabel(tag))) getStore().toggleTag(tag);
    setDraft('');
  };

  return (
    <div className="filter-group filter-tags" role="group" aria-label="Filter by tags">
      {active.map((t) => (
        <Chip key={tagLabel(t)} checked count={counts.get(tagLabel(t)) ?? 0} onChange={() => getStore().toggleTag(t)} title="All checked tags must match">
          {tagLabel(t)}
        </Chip>
      ))}
      {suggestions.map((t) => (
        <Chip key={tagLabel(t)} checked={false} count={t.count} onChange={() => getStore().toggleTag(t)} title="All checked tags must match">
          {tagLabel(t)}
        </Chip>
      ))}
      <form className="tag-filter-form" onSubmit={add}>
        <input
          className="input input-sm tag-filter-input"
          aria-label="Filter by tag (key=value)"
          placeholder="+ key=value"
          list="known-tags"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
        />
        <datalist id="known-tags">
          {tags.slice(0, 200).map((t) => (
            <option key={tagLabel(t)} value={tagLabel(t)} />
          ))}
        </datalist>
      </form>
    </div>
  );
}
