/** The generated tracking events of bench/ingest.ts: 7 types over 10,000 people at 500 companies. */
export const PEOPLE = 10_000;

const TYPES: [string, Record<string, string>][] = [
  ['page_view', { path: '/blog/kpi' }],
  ['page_view', { path: '/pricing' }],
  ['email_open', {}],
  ['email_click', {}],
  ['seminar_registered', {}],
  ['seminar_attended', {}],
  ['content_download', {}],
];

/** The n-th event of the run (ids are unique per n, so every event is new). */
export function benchEvent(n: number) {
  const [type, properties] = TYPES[n % TYPES.length]!;
  return {
    id: `b-${n}`,
    type,
    email: `person${(n * 7919) % PEOPLE}@company${(n * 7919) % 500}.example.co.jp`,
    properties,
  };
}
