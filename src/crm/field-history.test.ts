import { describe, expect, it } from 'vitest';
import { fieldChanges } from './field-history.ts';

describe('fieldChanges', () => {
  it('lists changed fields only, ignoring bookkeeping columns', () => {
    expect(
      fieldChanges(
        { title: null, lastName: '山田', version: 1, attributes: { a: 1, b: 2 } },
        { title: '部長', lastName: '山田', version: 2, attributes: { b: 2, a: 1 } },
      ),
    ).toEqual([{ field: 'title', from: null, to: '部長' }]);
  });

  it('treats a create as every field going from null', () => {
    expect(fieldChanges(null, { email: 'a@b.jp', phone: null })).toEqual([
      { field: 'email', from: null, to: 'a@b.jp' },
    ]);
  });
});
