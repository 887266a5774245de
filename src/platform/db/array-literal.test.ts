/// <reference path="./pg-utils.d.ts" />
import fc from 'fast-check';
import { prepareValue } from 'pg/lib/utils.js';
import { describe, expect, it } from 'vitest';
import { arrayLiteral, arraysAsLiterals } from './array-literal.ts';

const element = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('"', '\\', '\\"', 'a,b', '{x}', 'NULL', ' '),
  fc.uuid(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ noInvalidDate: true }),
  fc.uint8Array({ maxLength: 4 }).map((b) => Buffer.from(b)),
  fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.integer(), fc.constant(null)), { maxKeys: 3 }),
);
const { array } = fc.letrec<{ array: unknown[]; item: unknown }>((tie) => ({
  array: fc.array(tie('item'), { maxLength: 6 }),
  item: fc.oneof({ depthSize: 'small', withCrossShrink: true }, element, tie('array')),
}));

describe('arrayLiteral', () => {
  it('is node-postgres’ array text exactly, for any nesting of any values', () => {
    fc.assert(
      fc.property(array, (values) => {
        expect(arrayLiteral(values)).toBe(prepareValue(values));
      }),
      { numRuns: 2000 },
    );
  });

  it('replaces only the array parameters of a statement', () => {
    const params = ['a', 1, null, ['x"y', null, 2]];
    expect(arraysAsLiterals(params)).toEqual(['a', 1, null, '{"x\\"y",NULL,"2"}']);
    const plain = ['a', 1];
    expect(arraysAsLiterals(plain)).toBe(plain);
  });
});
