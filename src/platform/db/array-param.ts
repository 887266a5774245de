import { type SQL, sql } from 'drizzle-orm';
import { binaryArray } from './binary-array.ts';

/**
 * `values` as a parameter of type `type[]` (a type name as SQL casts write it: uuid, text,
 * int, bigint, timestamptz, …): a binary array where binary-array.ts writes the type and
 * every value, which the database copies instead of parsing; else the array as the
 * driver sends it, cast there.
 */
export function arrayParam(values: readonly unknown[], type: string): SQL {
  const binary = binaryArray(type, values);
  return sql`${binary ?? sql.param(values)}::${sql.raw(type)}[]`;
}
