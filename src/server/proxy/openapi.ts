import * as z from 'zod/mini';
import { Problem, PROBLEM_CONTENT_TYPE, problemType, type ProblemCode } from '../../contract/index.js';
import { PROBLEM_STATUS } from '../problem.js';
import { ROUTES, type RouteAuth, type RouteSpec } from './route-table.js';

type Json = Record<string, unknown>;

// Problems any route of a kind may answer, besides its own.
const GUARD_PROBLEMS: Record<RouteAuth, ProblemCode[]> = {
  session: ['session_invalid', 'session_expired', 'service_unavailable'],
  admin: ['admin_key_invalid'],
  none: [],
};
const SERVICE_PROBLEMS: ProblemCode[] = ['database_unavailable', 'internal_error'];

/** A contract schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect); what JSON Schema cannot say (a custom check) is left open. */
function jsonSchema(schema: z.ZodMiniType, io: 'input' | 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

/** One answer per status: problems sharing a status are listed together with their codes. */
function problemAnswers(route: RouteSpec): Json {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of [...new Set([...route.problems, ...GUARD_PROBLEMS[route.auth], ...SERVICE_PROBLEMS])]) {
    const { status } = PROBLEM_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Json = {};
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    out[String(status)] = {
      description: codes.map((c) => `\`${c}\`: ${PROBLEM_STATUS[c].title}`).join('; '),
      'x-problem-codes': codes,
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  }
  return out;
}

function operation(route: RouteSpec, schemas: Json): Json {
  const ref = (name: string, schema: z.ZodMiniType, io: 'input' | 'output') => {
    schemas[name] ??= jsonSchema(schema, io);
    return { $ref: `#/components/schemas/${name}` };
  };
  const parameters = [
    ...Object.entries(route.params ?? {}).map(([name, description]) => ({
      name,
      in: 'path',
      required: true,
      description,
      schema: { type: 'string' },
    })),
    ...(route.query ?? []).map((q) => ({ ...q, in: 'query', schema: { type: 'string' } })),
    ...(route.headers ?? []).map((h) => ({ ...h, in: 'header', schema: { type: 'string' } })),
  ];
  const { answer } = route;
  const content = answer.schema
    ? { 'application/json': { schema: ref(answer.name ?? 'Answer', answer.schema, 'output') } }
    : answer.contentType
      ? { [answer.contentType]: {} }
      : undefined;
  return {
    operationId: `${route.method}${route.path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: route.summary,
    ...(route.auth === 'none' ? { security: [] } : { security: [{ [route.auth === 'admin' ? 'adminKey' : 'sessionToken']: [] }] }),
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(route.body.name, route.body.schema, 'input') } },
          },
        }
      : {}),
    responses: {
      [String(answer.status)]: { description: answer.description, ...(content ? { content } : {}) },
      ...problemAnswers(route),
    },
  };
}

/** The OpenAPI 3.1 document of the proxy, generated from the route table and the contract's schemas. */
export function openApiDocument(opts: { serverUrl: string; version?: string }): Json {
  const schemas: Json = { Problem: jsonSchema(Problem, 'output') };
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method] = operation(route, schemas);
  return {
    openapi: '3.1.0',
    info: {
      title: 'ce-marketplace proxy',
      version: opts.version ?? '0.1.0',
      description: `Browser-facing routes take a session token, the host backend's routes (/admin) the admin API key. Errors are RFC 9457 problem+json with a stable \`code\`; its \`type\` is ${problemType('<code>')} with underscores as hyphens.`,
    },
    servers: [{ url: opts.serverUrl }],
    paths,
    components: {
      schemas,
      securitySchemes: {
        sessionToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A session token from POST /admin/sessions, or one the host signed.',
        },
        adminKey: { type: 'http', scheme: 'bearer', description: "The admin API key: the host's backend only, never a browser." },
      },
    },
  };
}
