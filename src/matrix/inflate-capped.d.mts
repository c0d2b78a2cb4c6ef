export declare class InflateError extends Error {
  readonly reason: 'too_large' | 'corrupt';
}
export declare function inflateCapped(data: Uint8Array, cap: number): Buffer;
