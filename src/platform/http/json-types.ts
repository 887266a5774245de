import { z } from 'zod';

/** A timestamp: a Date in code, an ISO 8601 string on the wire (encoded by the response serializer). */
export const dateTime = z.codec(z.iso.datetime({ offset: true }), z.date(), {
  decode: (s) => new Date(s),
  encode: (d) => d.toISOString(),
});

/** Row metadata every versioned record returns. */
export const recordMeta = {
  id: z.uuid(),
  version: z.int(),
  createdAt: dateTime,
  updatedAt: dateTime,
};

export const jsonAttributes = z.record(z.string(), z.unknown());
