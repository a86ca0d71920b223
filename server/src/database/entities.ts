/**
 * Every entity of every domain, in one list for the data source and the migration generator.
 * A domain adds its entities here and generates a migration for each engine.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const ENTITIES: (new (...args: any[]) => object)[] = [];
