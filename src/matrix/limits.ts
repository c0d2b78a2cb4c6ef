// Limits of MATRIX-V2 §1 (V2-FILE-LIMIT) plus the parser's own safety margins.
export interface ReadLimits {
  /** Bytes as uploaded (§1: 20 MB). */
  maxFileBytes: number;
  /** All parts once decompressed (§1: 200 MB). */
  maxUncompressedBytes: number;
  /**
   * Largest compression ratio accepted for an entry bigger than `ratioFloorBytes`.
   * Real sheets compress 6–30× (exceljs output of 20,000 near-identical rows
   * measured ≈ 11×); zip bombs reach 400–1000×. 100× leaves a wide margin both ways.
   */
  maxCompressionRatio: number;
  ratioFloorBytes: number;
  /** Data rows per sheet, header excluded (§1: 50,000). */
  maxRowsPerSheet: number;
  /** The parse worker is terminated after this long. */
  timeoutMs: number;
  /** V8 old-generation cap of the parse worker. */
  maxHeapMb: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 20 * MB,
  maxUncompressedBytes: 200 * MB,
  maxCompressionRatio: 100,
  ratioFloorBytes: 1 * MB,
  maxRowsPerSheet: 50_000,
  timeoutMs: 60_000,
  maxHeapMb: 1024,
};
