import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument, renderTypes, SCHEMA_FILE, typeOf } from '../../scripts/gen-api-types.js';

// The console's API types are generated from the routes (issue #9): a route
// changed without `npm run gen:api-types` fails here, in the normal test run,
// as well as in `npm run check:api-types`.

describe("the console's API types", () => {
  it('match the routes as they are now', async () => {
    const doc = await openApiDocument();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/v1/session', '/api/v1/returns', '/api/v1/returns/{id}', '/api/v1/compliance']));
    expect(readFileSync(SCHEMA_FILE, 'utf8') === renderTypes(doc), 'web/src/api/schema.d.ts is stale: run `npm run gen:api-types`').toBe(true);
  });

  it('write nullable, optional, enum, array and map schemas as TypeScript', () => {
    const schema = {
      type: 'object',
      required: ['id', 'tags'],
      properties: {
        id: { type: 'string' },
        month: { type: 'string', nullable: true },
        status: { type: 'string', enum: ['ACCEPTED', 'REJECTED'] },
        tags: { type: 'array', items: { anyOf: [{ type: 'string' }, { type: 'number' }] } },
        counts: { type: 'object', additionalProperties: { type: 'number' } },
        'content-type': { type: 'integer' },
      },
      additionalProperties: false,
    } as const;
    expect(typeOf(schema as never, 0)).toBe(
      [
        '{',
        '  id: string;',
        '  month?: string | null;',
        '  status?: "ACCEPTED" | "REJECTED";',
        '  tags: (string | number)[];',
        '  counts?: {',
        '    [key: string]: number;',
        '  };',
        '  "content-type"?: number;',
        '}',
      ].join('\n'),
    );
  });
});
