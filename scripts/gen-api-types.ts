// Writes web/src/api/schema.d.ts, the console's API types, from the service's own
// OpenAPI document; `--check` fails instead when the checked-in file differs.
//
// The document comes from buildApp + app.swagger() with no database at all: routes
// only touch the database when a request arrives, so a database handle that throws
// on first use proves it. The types are written here rather than by openapi-typescript,
// whose 7.x needs TypeScript 5's compiler API as a peer (this project is on
// TypeScript 7, which has none); the shape is the same `paths` map openapi-fetch reads.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3 } from 'openapi-types';
import { buildApp } from '../src/api/app.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/client.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../web/src/api/schema.d.ts', import.meta.url));

type Schema = OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** The service's OpenAPI document, built without a database. */
export async function openApiDocument(): Promise<OpenAPIV3.Document> {
  const noDatabase = new Proxy(
    {},
    {
      get(_target, key) {
        throw new Error(`gen-api-types: the app touched the database (db.${String(key)}) while being built`);
      },
    },
  );
  const database = { kind: 'pglite', db: noDatabase } as unknown as Database;
  const app = await buildApp({ config: loadConfig({}), database });
  await app.ready();
  const doc = app.swagger() as OpenAPIV3.Document;
  await app.close();
  return doc;
}

const key = (name: string) => (/^([A-Za-z_$][\w$]*|[1-9]\d*)$/.test(name) ? name : JSON.stringify(name));
const pad = (depth: number) => '  '.repeat(depth);

function objectType(props: [string, string, boolean][], depth: number): string {
  if (!props.length) return 'Record<string, never>';
  const lines = props.map(([name, type, required]) => `${pad(depth + 1)}${key(name)}${required ? '' : '?'}: ${type};`);
  return `{\n${lines.join('\n')}\n${pad(depth)}}`;
}

/** A JSON schema (OpenAPI 3.0 flavour, as fastify-type-provider-zod emits it) as a TypeScript type. */
export function typeOf(schema: Schema | boolean | undefined, depth: number): string {
  if (schema === undefined || schema === true) return 'unknown';
  if (schema === false) return 'never';
  if ('$ref' in schema) return `components["schemas"][${JSON.stringify(schema.$ref.split('/').pop())}]`;
  const s = schema as Omit<OpenAPIV3.BaseSchemaObject, 'type'> & { const?: unknown; type?: string | string[]; items?: Schema; nullable?: boolean };
  let t: string;
  if (s.anyOf || s.oneOf) t = (s.anyOf ?? s.oneOf)!.map((x) => typeOf(x, depth)).join(' | ');
  else if (s.allOf) t = s.allOf.map((x) => typeOf(x, depth)).join(' & ');
  else if (s.const !== undefined) t = JSON.stringify(s.const);
  else if (s.enum) t = s.enum.map((v) => JSON.stringify(v)).join(' | ');
  else if (Array.isArray(s.type)) t = s.type.map((type) => typeOf({ ...s, type } as Schema, depth)).join(' | ');
  else
    switch (s.type) {
      case 'string':
        t = 'string';
        break;
      case 'integer':
      case 'number':
        t = 'number';
        break;
      case 'boolean':
        t = 'boolean';
        break;
      case 'null':
        t = 'null';
        break;
      case 'array': {
        const item = typeOf(s.items, depth);
        t = /^[\w".[\]]+$/.test(item) ? `${item}[]` : `(${item})[]`;
        break;
      }
      case 'object':
      case undefined: {
        const required = new Set(s.required ?? []);
        const props = Object.entries(s.properties ?? {}).map(([name, p]) => [name, typeOf(p, depth + 1), required.has(name)] as [string, string, boolean]);
        const extra = s.additionalProperties;
        if (s.type === undefined && !props.length && extra === undefined) t = 'unknown';
        else if (!props.length && extra !== false) t = `{\n${pad(depth + 1)}[key: string]: ${typeOf(extra === undefined ? true : extra, depth + 1)};\n${pad(depth)}}`;
        else t = objectType(props, depth);
        break;
      }
      default:
        t = 'unknown';
    }
  return s.nullable && t !== 'unknown' ? `${t} | null` : t;
}

function parametersType(params: OpenAPIV3.ParameterObject[], depth: number): string {
  const groups = ['query', 'header', 'path', 'cookie'].map((where) => {
    const mine = params.filter((p) => p.in === where);
    if (!mine.length) return [where, 'never', false] as [string, string, boolean];
    const props = mine.map((p) => [p.name, typeOf(p.schema, depth + 2), !!p.required] as [string, string, boolean]);
    return [where, objectType(props, depth + 1), mine.some((p) => p.required)] as [string, string, boolean];
  });
  return objectType(groups, depth);
}

/** The `content` entry of a body or response, written at indentation `depth`. */
function contentType(content: Record<string, OpenAPIV3.MediaTypeObject> | undefined, depth: number): [string, string, boolean] {
  if (!content || !Object.keys(content).length) return ['content', 'never', false];
  const media = Object.entries(content).map(([type, m]) => [type, typeOf(m.schema, depth + 1), true] as [string, string, boolean]);
  return ['content', objectType(media, depth), true];
}

function operationType(op: OpenAPIV3.OperationObject, depth: number): string {
  const params = (op.parameters ?? []) as OpenAPIV3.ParameterObject[];
  const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  const responses = Object.entries(op.responses ?? {}).map(([status, r]) => {
    const res = r as OpenAPIV3.ResponseObject;
    const fields: [string, string, boolean][] = [['headers', `{\n${pad(depth + 4)}[name: string]: unknown;\n${pad(depth + 3)}}`, true], contentType(res.content, depth + 3)];
    return [status, objectType(fields, depth + 2), true] as [string, string, boolean];
  });
  return objectType(
    [
      ['parameters', parametersType(params, depth + 1), true],
      ['requestBody', body ? objectType([contentType(body.content, depth + 2)], depth + 1) : 'never', !!body?.required],
      ['responses', objectType(responses, depth + 1), true],
    ],
    depth,
  );
}

/** The whole schema.d.ts text for a document. */
export function renderTypes(doc: OpenAPIV3.Document): string {
  const paths = Object.entries(doc.paths).map(([path, item]) => {
    const ops = METHODS.filter((m) => item?.[m]).map((m) => [m, operationType(item![m]!, 2), true] as [string, string, boolean]);
    return [path, objectType([['parameters', parametersType([], 2), true], ...ops], 1), true] as [string, string, boolean];
  });
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => [name, typeOf(s, 2), true] as [string, string, boolean]);
  return [
    '// Generated by scripts/gen-api-types.ts from the service\'s OpenAPI document. Do not edit:',
    '// run `npm run gen:api-types` after changing a route (`npm run check:api-types` fails until you do).',
    '',
    `export interface paths ${objectType(paths, 0)}`,
    '',
    `export interface components {\n  schemas: ${objectType(schemas, 1)};\n}`,
    '',
  ].join('\n');
}

async function main() {
  const check = process.argv.includes('--check');
  const text = renderTypes(await openApiDocument());
  if (!check) {
    writeFileSync(SCHEMA_FILE, text);
    console.log(`wrote ${SCHEMA_FILE}`);
    return;
  }
  let current = '';
  try {
    current = readFileSync(SCHEMA_FILE, 'utf8');
  } catch {
    // missing counts as different
  }
  if (current !== text) {
    console.error('web/src/api/schema.d.ts is out of date with the routes: run `npm run gen:api-types` and commit the result.');
    process.exit(1);
  }
  console.log('web/src/api/schema.d.ts matches the routes.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
