import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, isDatabaseUnavailable, sqlState } from '../errors.js';
import { formatBytes } from '../format-bytes.js';

export const errorBodySchemaShape = { code: 'string', message: 'string' } as const;

/** One handler (STYLE §12): `{ error: { code, message } }`, never a stack trace or SQL. */
export function registerErrorHandler(app: FastifyInstance, limits: { uploadMaxBytes: number; bodyLimitBytes: number }): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    const send = (status: number, code: string, message: string, details?: unknown) =>
      reply.code(status).send({ error: details === undefined ? { code, message } : { code, message, details } });

    if (err instanceof AppError) {
      // A refusal (out of scope, over a cap) is named in the audit entry as the sign-in refusals are.
      if (err.status === 403 || err.status === 429) request.authRefusal ??= err.code;
      return send(err.status, err.code, err.message, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => `${v.instancePath.replace(/^\//, '').replace(/\//g, '.') || err.validationContext || 'request'}: ${v.message}`);
      return send(400, 'request.invalid', `The request is not valid: ${issues.join('; ')}`);
    }
    // Text PostgreSQL cannot store (a NUL byte, 22021 / 22P05) that slipped past a route's schema: the client's input.
    const state = sqlState(err);
    if (state === '22021' || state === '22P05') {
      request.log.warn({ err }, 'text the database refuses');
      return send(400, 'request.invalid', 'The request contains characters the service cannot store (a NUL byte or similar).');
    }
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, 'database unavailable');
      return send(503, 'db.unavailable', 'The database is not answering. Nothing was changed; try again shortly.');
    }
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      return send(413, 'request.too_large', `The workbook is larger than the service accepts (${formatBytes(limits.uploadMaxBytes)}).`);
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return send(413, 'request.too_large', `The request body is larger than the service accepts (${formatBytes(limits.bodyLimitBytes)}).`);
    }
    // A second file or a stray field: the same 400 as when uploads.ts finds one itself.
    if (err.code === 'FST_FILES_LIMIT' || err.code === 'FST_PARTS_LIMIT' || err.code === 'FST_FIELDS_LIMIT') {
      return send(400, 'request.too_many_parts', 'Send one workbook in the field "file" and nothing else.');
    }
    if (err.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
      return send(415, 'request.not_multipart', 'Upload the workbook as multipart/form-data in the field "file".');
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return send(415, 'request.unsupported_media_type', 'That content type is not accepted here.');
    }
    if (typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500) {
      const code = err.statusCode === 429 ? 'request.rate_limited' : 'request.invalid';
      const message = err.statusCode === 429 ? 'Too many requests; slow down and try again in a minute.' : safeClientMessage(err);
      return send(err.statusCode, code, message);
    }
    request.log.error({ err }, 'unhandled error');
    return send(500, 'internal', 'Something went wrong on our side. It has been logged; quote the request id to support.');
  });

  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send({ error: { code: 'route.not_found', message: `No route ${request.method} ${request.url.split('?')[0]}.` } });
  });
}

/** Fastify's own 4xx messages (bad JSON, bad content length) are safe but terse; keep them, strip internals. */
function safeClientMessage(err: FastifyError): string {
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err instanceof SyntaxError) return 'The request body is not valid JSON.';
  if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty; send a JSON object.';
  return err.message.split('\n')[0].slice(0, 200);
}

