import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../platform/errors.ts';
import { errorBodySchema } from '../platform/http/error-body.ts';
import { requestContext } from '../platform/http/request-context.ts';
import { EXPORT_ENTITIES, exportCsv } from './export-csv.ts';
import { IMPORT_FORMATS } from './import-formats.ts';
import { importPeople } from './import-people.ts';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 413: errorBodySchema };

/** CSV upload (`text/csv` body) and CSV export. Large files belong to the CLI, which streams from disk. */
export async function registerImportExportRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'text/csv',
      { parseAs: 'string', bodyLimit: 50 * 1024 * 1024 },
      (_req, body, done) => done(null, body),
    );
    const typed = scope.withTypeProvider<ZodTypeProvider>();
    typed.post(
      '/api/v1/import/:format',
      {
        bodyLimit: 50 * 1024 * 1024,
        schema: {
          tags: ['Import'],
          summary: 'Import a CSV (HubSpot contacts, Salesforce leads, Baton people); send it as text/csv',
          params: z.strictObject({ format: z.enum(IMPORT_FORMATS) }),
          querystring: z.strictObject({
            dryRun: z.enum(['true', 'false']).optional(),
            skipInvalid: z.enum(['true', 'false']).optional(),
          }),
          response: { 200: z.looseObject({ rows: z.int() }), ...errors },
        },
      },
      async (req, reply) => {
        const text = typeof req.body === 'string' ? req.body : '';
        const report = await importPeople(requestContext(req), {
          format: req.params.format,
          open: () => Readable.from([text]),
          dryRun: req.query.dryRun === 'true',
          skipInvalid: req.query.skipInvalid === 'true',
        });
        if (report.invalid > 0 && req.query.skipInvalid !== 'true') {
          throw new DomainError(
            'invalid_input',
            `${report.invalid} of ${report.rows} lines are invalid; nothing was imported. Fix them or send ?skipInvalid=true.`,
            report.errors.map((e) => ({ path: `line ${e.line}, column ${e.column}`, message: e.message })),
          );
        }
        return reply.code(200).send({ ...report });
      },
    );
    typed.get(
      '/api/v1/export/:entity',
      {
        schema: {
          tags: ['Import'],
          summary: 'Export people, accounts or opportunities as CSV',
          params: z.strictObject({ entity: z.enum(EXPORT_ENTITIES) }),
        },
      },
      async (req, reply) => {
        const chunks: string[] = [];
        await exportCsv(requestContext(req), req.params.entity, (c) => {
          chunks.push(c);
        });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${req.params.entity}.csv"`)
          .send(chunks.join(''));
      },
    );
  });
}
