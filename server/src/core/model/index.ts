/**
 * The typed entities of a taxonomy document: their types (types.ts), the reader of typed values
 * with their ranges (docReader.ts), the builder that reads a document's entities for its file
 * kind (builder.ts), and the entities that hold a position (enclosing.ts).
 */
import type { DocModel, Entity } from './types';

export * from './types';
export { DocReader } from './docReader';
export { buildDocModel } from './builder';
export { entitiesAt, statusHolderAt } from './enclosing';

/** Every entity of a document model, nested stages and touchpoints included. */
export function* allEntities(model: DocModel): Iterable<Entity> {
  for (const e of model.entities) {
    yield e;
    if (e.kind === 'journey') {
      for (const s of e.stages) {
        yield s;
        yield* s.touchpoints;
      }
    }
  }
}
