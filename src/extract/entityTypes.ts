// The kinds of entity, in one place: the extractor, the registry, corrections, the export and the
// site all take them from here.
export const ENTITY_TYPES = ['person', 'organization', 'model', 'product', 'place', 'law', 'other'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: string): value is EntityType {
  return (ENTITY_TYPES as readonly string[]).includes(value);
}
