import { useQuery } from '@tanstack/react-query';
import { api, getCsrfToken, unwrap } from './client';
import { ApiError, fallbackMessage, toApiError } from './errors';
import type { paths } from './schema';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type ReturnReport = Json<paths['/api/v1/returns']['post']['responses'][201]>;
export type HistoryRow = Json<paths['/api/v1/returns']['get']['responses'][200]>[number];
export type ComplianceRow = Json<paths['/api/v1/compliance']['get']['responses'][200]>[number];
export type Problem = ReturnReport['problems'][number];
export type Severity = Problem['severity'];
/** The 422 of an upload that was read and found wrong (as opposed to a file that could not be read). */
/** A return rejected by validation: stored with its report. A file refused before validation (no `return`) is an error instead. */
export type Rejection = Extract<Json<paths['/api/v1/returns']['post']['responses'][422]>, { return: unknown }>;

export function useCompliance(month: string) {
  return useQuery({
    queryKey: ['compliance', month],
    queryFn: () => unwrap(api.GET('/api/v1/compliance', { params: { query: { month } } })),
  });
}

export function useHistory(query: { force?: string; month?: string }) {
  return useQuery({
    queryKey: ['returns', query],
    queryFn: () => unwrap(api.GET('/api/v1/returns', { params: { query } })),
  });
}

export function useReturn(id: string) {
  return useQuery({
    queryKey: ['return', id],
    queryFn: () => unwrap(api.GET('/api/v1/returns/{id}', { params: { path: { id } } })),
  });
}

export type UploadOutcome = { kind: 'accepted'; report: ReturnReport } | { kind: 'rejected'; rejection: Rejection };

/**
 * Sends a workbook as multipart field `file`. XMLHttpRequest rather than fetch,
 * because only it reports upload progress. Other failures reject with an ApiError.
 */
export function uploadReturn(file: File, onProgress: (sent: number, total: number) => void, signal?: AbortSignal): Promise<UploadOutcome> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/returns');
    xhr.withCredentials = true;
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, 'network', fallbackMessage(0)));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'The upload was cancelled.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON (a proxy's page): the status decides the message.
      }
      if (xhr.status === 201 && body) return resolve({ kind: 'accepted', report: body as ReturnReport });
      if (xhr.status === 422 && body && typeof body === 'object' && 'return' in body) return resolve({ kind: 'rejected', rejection: body as Rejection });
      reject(toApiError(xhr.status, body));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/** Fetches a file the service offers and hands it to the browser as a download; errors carry the service's message. */
export async function download(url: string, fallbackName: string): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      // no JSON body
    }
    throw toApiError(res.status, body);
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const blob = await res.blob();
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export const templateUrl = '/api/v1/template.xlsx';
export const reportUrl = (id: string) => `/api/v1/returns/${encodeURIComponent(id)}/report.xlsx`;
export const originalUrl = (id: string) => `/api/v1/returns/${encodeURIComponent(id)}/original`;
