import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { registerCrudRoutes } from '../platform/http/crud-routes.ts';
import { dateTime, jsonAttributes, recordMeta } from '../platform/http/json-types.ts';
import { createAccountSchema, updateAccountSchema } from './accounts.ts';
import { accountUseCases } from './manage-accounts.ts';
import { peopleUseCases } from './manage-people.ts';
import { createPersonSchema, updatePersonSchema } from './people.ts';

const personRow = z.object({
  ...recordMeta,
  accountId: z.uuid().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  lastName: z.string().nullable(),
  firstName: z.string().nullable(),
  title: z.string().nullable(),
  department: z.string().nullable(),
  source: z.string().nullable(),
  lifecycleStage: z.string(),
  stageEnteredAt: dateTime,
  ownerUserId: z.uuid().nullable(),
  attributes: jsonAttributes,
  erasedAt: dateTime.nullable(),
});

const accountRow = z.object({
  ...recordMeta,
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employeeCount: z.int().nullable(),
  region: z.string().nullable(),
  tier: z.string().nullable(),
  ownerUserId: z.uuid().nullable(),
  customerStage: z.string().nullable(),
  attributes: jsonAttributes,
});

export function registerCrmRoutes(app: FastifyInstance): void {
  registerCrudRoutes(app, {
    path: 'people',
    tag: 'People',
    defaultSort: '-createdAt',
    filters: {
      lifecycleStage: z.string().max(40).optional(),
      accountId: z.uuid().optional(),
      ownerUserId: z.uuid().optional(),
      source: z.string().max(40).optional(),
    },
    create: createPersonSchema,
    update: updatePersonSchema,
    row: personRow,
    useCases: peopleUseCases,
  });
  registerCrudRoutes(app, {
    path: 'accounts',
    tag: 'Accounts',
    defaultSort: 'name',
    filters: {
      industry: z.string().max(80).optional(),
      region: z.string().max(80).optional(),
      tier: z.string().max(40).optional(),
      ownerUserId: z.uuid().optional(),
      customerStage: z.string().max(40).optional(),
    },
    create: createAccountSchema,
    update: updateAccountSchema,
    row: accountRow,
    useCases: accountUseCases,
  });
}
