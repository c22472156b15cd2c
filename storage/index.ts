/**
 * The storage package's face: open the archive with `openSqliteStore` and use it through the `Store`
 * interface and row types. Nothing of the driver or the schema is exported from here.
 */
export { openSqliteStore, type OpenSqliteStoreOptions } from './sqlite-store.ts';
export { StorageError, type StorageErrorCode } from './errors.ts';
export { decompressBlob, sha256Hex } from './blob-store.ts';
export { DATABASE_FILE } from './connection.ts';
export { fingerprintText, type TextFingerprint } from './text-fingerprint.ts';
export { foldForSearch, hasSearchableText, termPattern } from './search-text.ts';
export { articleSearchFields, searchTokens, threadSearchText, type ArticleSearchFields } from './search-repo.ts';
export type { BlobCompression } from './schema.ts';
export type * from './types.ts';
