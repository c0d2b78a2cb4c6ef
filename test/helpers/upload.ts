import type { LightMyRequestResponse } from 'fastify';
import type { App } from '../../src/api/app.js';

/** A multipart/form-data body with one file part, as a browser or curl sends it. */
export function multipartBody(buffer: Buffer, filename = 'return.xlsx', field = 'file') {
  const boundary = `----clim${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\n` +
      'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, buffer, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

export function upload(app: App, headers: Record<string, string>, buffer: Buffer, filename?: string): Promise<LightMyRequestResponse> {
  const body = multipartBody(buffer, filename);
  return app.inject({ method: 'POST', url: '/api/v1/returns', headers: { ...headers, 'content-type': body.contentType }, payload: body.payload });
}
