// The words for a "not represented" entry, composed in one place for the site and the export.
// The explainer stores the entry as data (src/stories/types.ts NotRepresented); this turns it into
// the sentence a reader sees, which starts with the actor's name as the export contract asks.
import type { NotRepresented } from './types.ts';

export function describeNotRepresented(entry: NotRepresented): string {
  // An entry upgraded from an older explainer may not know its counts: it says only what it knows.
  const named = entry.namedIn > 0 ? `named in ${entry.namedIn} of ${entry.sourceCount} ${entry.sourceCount === 1 ? 'source' : 'sources'}, ` : '';
  switch (entry.kind) {
    case 'declined':
      return `${entry.name}: ${named}not quoted; the coverage says it did not respond or declined to comment`;
    case 'unquoted':
      return `${entry.name}: ${named}never quoted`;
    case 'viewpoint':
      return `${entry.name}: no source carries this viewpoint`;
  }
}
