import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { RequestContext } from '../context.ts';
import type { ListQuery, Page } from '../db/crud-store.ts';
import { errorBodySchema } from './error-body.ts';
import { listQuerySchema, pageSchema, toListQuery } from './list-query.ts';
import { requestContext } from './request-context.ts';

export interface CrudResource<Row, C, U> {
  /** URL segment under /api/v1 and the OpenAPI tag. */
  path: string;
  tag: string;
  defaultSort: string;
  filters: z.ZodRawShape;
  create: z.ZodType<C>;
  update: z.ZodType<U>;
  row: z.ZodType;
  useCases: {
    list(ctx: RequestContext, q: ListQuery): Promise<Page<Row>>;
    get(ctx: RequestContext, id: string): Promise<Row>;
    create(ctx: RequestContext, input: C): Promise<Row>;
    update(ctx: RequestContext, id: string, input: U): Promise<Row>;
    remove(ctx: RequestContext, id: string, version: number): Promise<void>;
  };
}

const idParams = z.strictObject({ id: z.uuid() });
const versionQuery = z.strictObject({ version: z.coerce.number().int().positive() });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 404: errorBodySchema, 409: errorBodySchema };

/** list / get / create / update / delete for one resource; each route only parses and calls a use case. */
export function registerCrudRoutes<Row, C, U>(app: FastifyInstance, r: CrudResource<Row, C, U>): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  const base = `/api/v1/${r.path}`;
  typed.get(
    base,
    {
      schema: {
        tags: [r.tag],
        summary: `List ${r.path} (cursor pagination, filters, sort, text search q)`,
        querystring: listQuerySchema(r.filters),
        response: { 200: pageSchema(r.row), ...errors },
      },
    },
    (req) =>
      r.useCases.list(requestContext(req), toListQuery(req.query as Record<string, unknown>, r.defaultSort)),
  );
  typed.get(
    `${base}/:id`,
    {
      schema: {
        tags: [r.tag],
        summary: `Get one of ${r.path}`,
        params: idParams,
        response: { 200: r.row, ...errors },
      },
    },
    (req) => r.useCases.get(requestContext(req), req.params.id),
  );
  typed.post(
    base,
    {
      schema: {
        tags: [r.tag],
        summary: `Create one of ${r.path}`,
        body: r.create,
        response: { 201: r.row, ...errors },
      },
    },
    async (req, reply) => reply.code(201).send(await r.useCases.create(requestContext(req), req.body as C)),
  );
  typed.patch(
    `${base}/:id`,
    {
      schema: {
        tags: [r.tag],
        summary: `Update one of ${r.path}; send the version you read (409 if it changed)`,
        params: idParams,
        body: r.update,
        response: { 200: r.row, ...errors },
      },
    },
    (req) => r.useCases.update(requestContext(req), req.params.id, req.body as U),
  );
  typed.delete(
    `${base}/:id`,
    {
      schema: {
        tags: [r.tag],
        summary: `Delete one of ${r.path}; ?version= is the version you read (409 if it changed)`,
        params: idParams,
        querystring: versionQuery,
        response: { 204: z.null(), ...errors },
      },
    },
    async (req, reply) => {
      await r.useCases.remove(requestContext(req), req.params.id, req.query.version);
      return reply.code(204).send(null);
    },
  );
}
