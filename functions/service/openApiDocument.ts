/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that validate requests.
 */
import * as z from 'zod';
import { routeList } from '../routes.js';
import type { Contract } from '../shared/http.js';
import { catalog } from './catalog.js';

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: s,
  }));
}

const problem = {
  description: 'RFC 9457 problem details',
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
};

export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routeList()) {
    const contract: Contract | undefined = catalog[route.id];
    if (!contract) throw new Error(`route ${route.id} has no contract in the catalog`);
    const isPublic = route.roles === 'public';
    const parameters = [...parametersOf(contract.params, 'path'), ...parametersOf(contract.query, 'query')];
    if (contract.idempotencyKey) {
      parameters.push({ name: 'Idempotency-Key', in: 'header' as 'path', required: true, schema: { type: 'string', maxLength: 128 } });
    }
    const responses: Record<string, unknown> = {
      [String(contract.status)]: {
        description: 'Success',
        content: {
          'application/json': { schema: contract.response ? schemaOf(contract.response, 'output') : {} },
          ...Object.fromEntries((contract.produces ?? []).map((type) => [type, { schema: { type: 'string' } }])),
        },
      },
      '400': problem,
      ...(isPublic ? {} : { '401': problem, '403': problem, '404': problem }),
      ...(contract.body ? { '409': problem, '413': problem, '422': problem } : {}),
    };
    const operation: Record<string, unknown> = {
      operationId: route.id,
      summary: route.summary,
      ...(isPublic ? { security: [] } : { 'x-roles': route.roles }),
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(contract.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(contract.body, 'input') } } } }
        : {}),
      responses,
    };
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'CAE back office',
      version: '1',
      description: 'The back office of French cooperatives of activity and employment (CAE) and their networks.',
    },
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        Problem: {
          type: 'object',
          required: ['type', 'title', 'status', 'detail'],
          properties: {
            type: { type: 'string' },
            title: { type: 'string' },
            status: { type: 'integer' },
            detail: { type: 'string' },
            errors: {
              type: 'array',
              items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } },
            },
          },
        },
      },
    },
  };
}
