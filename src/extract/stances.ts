// The stances a claim can take, in one place: the claim extractor, the claims table, corrections
// and the export all take them from here.
export const STANCES = ['accuses', 'denies', 'confirms', 'warns', 'declines', 'no-response', 'says'] as const;
export type Stance = (typeof STANCES)[number];
