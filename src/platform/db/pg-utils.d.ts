/** node-postgres' conversion of a JavaScript value to the text it sends as a parameter (untyped in @types/pg). */
declare module 'pg/lib/utils.js' {
  export function prepareValue(value: unknown): string | Buffer | null;
}
