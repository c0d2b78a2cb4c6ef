import { AppError } from '../errors.js';

/** Bad input to a graph function: a dangling reference, an unknown person, a bad option (STYLE §12, §14). */
export class GraphInputError extends AppError {
  constructor(code: `graph.${string}`, message: string, details?: unknown) {
    super(code, 422, message, details);
    this.name = 'GraphInputError';
  }
}
