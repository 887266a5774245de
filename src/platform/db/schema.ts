// Every table of every slice, for the typed query builder. drizzle-kit reads the same files.
export * from '../../analytics/schema.ts';
export * from '../../capture/schema.ts';
export * from '../../crm/schema.ts';
export * from '../../lifecycle/schema.ts';
export * from '../../pipeline/schema.ts';
export * from '../../planning/schema.ts';
export * from '../../privacy/schema.ts';
export * from '../../routing/schema.ts';
export * from '../../scoring/schema.ts';
export * from '../../success/schema.ts';
export * from '../../workspace/schema.ts';
export * from '../schema.ts';
