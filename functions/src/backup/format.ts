/**
 * The backup format (docs/architecture.md, "Backup and restore"), pure: no storage, no files.
 *
 * A backup is a folder (or a blob prefix) with one NDJSON file per table, `<table>.ndjson`, and a
 * `manifest.json`. Each line is one entity, generic over tables: its keys and every property with its EDM
 * type, `{"partitionKey":…,"rowKey":…,"properties":{"name":{"type":"Int32","value":"3"}}}`, properties in
 * name order. The service's Timestamp and ETag are left out, so the same data always gives the same bytes
 * (and checksums). The manifest lists each file with its entity count, byte size and SHA-256.
 */
import { z } from 'zod';

export const BACKUP_FORMAT = 'nu-cuoi-table-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_FILE = 'manifest.json';

/** The EDM types of Azure Table Storage properties. */
export const EDM_TYPES = [
  'String',
  'Int32',
  'Int64',
  'Double',
  'Boolean',
  'DateTime',
  'Guid',
  'Binary',
] as const;
export type EdmType = (typeof EDM_TYPES)[number];

/** A property as stored in a backup line: its type, and its value as text (base64 for Binary). */
export interface BackupProperty {
  type: EdmType;
  value: string;
}

export interface BackupEntity {
  partitionKey: string;
  rowKey: string;
  properties: Record<string, BackupProperty>;
}

const BackupEntitySchema = z.object({
  partitionKey: z.string(),
  rowKey: z.string(),
  properties: z.record(z.string(), z.object({ type: z.enum(EDM_TYPES), value: z.string() })),
});

export const ManifestTableSchema = z.object({
  /** The table's name without the deployment's TABLE_PREFIX. */
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/),
  file: z.string().regex(/^[A-Za-z0-9]+\.ndjson$/),
  entities: z.number().int().nonnegative(),
  partitions: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestTable = z.infer<typeof ManifestTableSchema>;

export const ManifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  /** The program that wrote it: package name and version. */
  tool: z.string(),
  /** When the export started (ISO instant). */
  createdAt: z.string(),
  /** The TABLE_PREFIX the tables were read with. */
  tablePrefix: z.string(),
  tables: z.array(ManifestTableSchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;

/** Properties the service adds to every entity: not part of the content. */
const SERVICE_PROPERTIES = new Set([
  'partitionKey',
  'rowKey',
  'etag',
  'timestamp',
  'odata.etag',
  'odata.metadata',
]);

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/**
 * The service annotates Int64, DateTime, Guid and Binary, never a Double, so the table client guesses:
 * an integral number is `Int32`. One outside Int32's range can only be a Double (an Int64 carries its
 * annotation). An integral Double inside the range stays `Int32` — the service does not tell (Azurite not
 * even with `odata=fullmetadata`); it reads back as the same number. The product writes no explicit Double.
 */
export function storedType(type: EdmType, value: string): EdmType {
  if (type !== 'Int32') return type;
  const n = Number(value);
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX ? 'Int32' : 'Double';
}

/**
 * An entity as `listEntities({ disableTypeConversion: true })` returns it (every property `{ value, type }`)
 * to a backup line, without its newline.
 */
export function encodeEntity(entity: Record<string, unknown>): string {
  const properties: Record<string, BackupProperty> = {};
  for (const name of Object.keys(entity).sort()) {
    if (SERVICE_PROPERTIES.has(name)) continue;
    const raw = entity[name] as { type?: unknown; value?: unknown } | null;
    if (!raw || typeof raw !== 'object' || !(EDM_TYPES as readonly unknown[]).includes(raw.type))
      throw new Error(`property ${name} has no EDM type (read the table with disableTypeConversion)`);
    properties[name] = { type: storedType(raw.type as EdmType, String(raw.value)), value: String(raw.value) };
  }
  return JSON.stringify({
    partitionKey: String(entity.partitionKey),
    rowKey: String(entity.rowKey),
    properties,
  } satisfies BackupEntity);
}

/** A backup line back to an entity; throws (with a short English reason) when it is not one. */
export function decodeLine(line: string): BackupEntity {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new Error('not JSON');
  }
  const parsed = BackupEntitySchema.safeParse(value);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? 'not an entity');
  return parsed.data;
}

/** A property's value as the table client writes it with its type (`{ value, type }`), from the line's text. */
export function typedValue(p: BackupProperty): { value: unknown; type: EdmType } {
  switch (p.type) {
    case 'Int32':
      return { value: Number(p.value), type: 'Int32' };
    case 'Double': {
      // NaN and the infinities travel as text, as the service writes them.
      const n = Number(p.value);
      return { value: Number.isFinite(n) ? n : p.value, type: 'Double' };
    }
    case 'Boolean':
      return { value: p.value === 'true', type: 'Boolean' };
    default:
      // String, Int64, DateTime, Guid and Binary (base64) travel as text with their type.
      return { value: p.value, type: p.type };
  }
}

/** A decoded entity as the table client's `TableEntity`, every property typed. */
export function toTableEntity(entity: BackupEntity): Record<string, unknown> & {
  partitionKey: string;
  rowKey: string;
} {
  const out: Record<string, unknown> & { partitionKey: string; rowKey: string } = {
    partitionKey: entity.partitionKey,
    rowKey: entity.rowKey,
  };
  for (const [name, p] of Object.entries(entity.properties)) out[name] = typedValue(p);
  return out;
}

/** The backup file of a table. */
export const tableFile = (name: string) => `${name}.ndjson`;

/** Reads a manifest's JSON text; throws an Error with the reason when it is not one. */
export function parseManifest(text: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('not JSON');
  }
  const parsed = ManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue?.path.join('.') || 'manifest'}: ${issue?.message ?? 'not a backup manifest'}`);
  }
  return parsed.data;
}

/** Entities of one table grouped into transactions: one partition each, ≤ 100 actions and ≤ ~3.5 MB. */
export const MAX_BATCH_ACTIONS = 100;
export const MAX_BATCH_BYTES = 3_500_000;
