/** Why the paper store refused something; the API maps these to HTTP statuses and logs. */
export const STORE_ERROR_CODES = [
  'invalid_transition',
  'invalid_query',
  'seq_conflict',
  'duplicate_fill',
  'duplicate_order',
  'duplicate_client_order_id',
  'unknown_account',
  'invalid_row',
  'migration_failed',
  'data_dir_locked',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** An error from the paper store: a code to branch on and a message that says what was wrong. */
export class PaperStoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PaperStoreError';
    this.code = code;
  }
}

/** True for a PaperStoreError, optionally of one code. */
export function isPaperStoreError(value: unknown, code?: StoreErrorCode): value is PaperStoreError {
  return value instanceof PaperStoreError && (code === undefined || value.code === code);
}

/** The SQLSTATE and constraint of a database error, from either driver (both use pg-protocol). */
export function databaseErrorInfo(error: unknown): { code: string; constraint: string } | null {
  if (typeof error !== 'object' || error === null) return null;
  const code: unknown = Reflect.get(error, 'code');
  const constraint: unknown = Reflect.get(error, 'constraint');
  if (typeof code !== 'string') return null;
  return { code, constraint: typeof constraint === 'string' ? constraint : '' };
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
