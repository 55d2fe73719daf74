// What truly differs between SQLite and PostgreSQL in the store's SQL, each difference once with
// its reason. Everything else is written once over Kysely and runs on both.
import { type Expression, type RawBuilder, type SelectQueryBuilder, type SqlBool, sql } from "kysely";
import type { Migration } from "./migrations/index.ts";

/** Any constant: the advisory lock that serialises migrations across PostgreSQL replicas. */
const MIGRATION_LOCK = 7_262_771;

// biome-ignore lint/suspicious/noExplicitAny: any select, whatever its tables and columns.
type AnySelect = SelectQueryBuilder<any, any, any>;
export type Column = "text" | "int";

export interface Dialect {
  readonly name: "sqlite" | "postgres";
  /** Locks the rows a select takes, skipping rows another transaction holds. */
  skipLocked<Q extends AnySelect>(query: Q): Q;
  /** `column` compared in byte (code point) order, whatever the database's collation. */
  byteOrder(column: string): Expression<string>;
  /** `value IN values`, as one parameter however many values (never an empty `IN ()`). */
  inList(value: Expression<unknown>, values: readonly string[]): Expression<SqlBool>;
  /** `column IN (keys)`, for the keys of a batch about to be deleted. */
  inBatch(column: string, keys: AnySelect): Expression<SqlBool>;
  /**
   * A select of rows given as one JSON parameter, with these columns: batch writes. Callers name it
   * in `WITH c AS MATERIALIZED (…)`, so the planner walks the batch and looks each row up by index
   * (SQLite otherwise walks the table and reads the whole batch for each row of it).
   */
  rows(items: readonly object[], columns: Record<string, Column>): RawBuilder<unknown>;
  /** The bucket sends are counted in: the local day in `timeZone`, or the UTC minute (`inZone` false). */
  sentBucket(column: string, timeZone: string): { bucket: RawBuilder<string>; inZone: boolean };
  /** Whether an enqueue that inserted must look again for a purge of its key (see outbox-sql.ts). */
  readonly recheckPurged: boolean;
  /** Serialises migrations across processes, inside the migration's transaction. */
  lockMigrations(): RawBuilder<unknown> | null;
  /**
   * The first statement of a transaction whose reads must all see one snapshot, or null where a
   * transaction already does (SQLite: one connection, reads inside BEGIN see one state of the file).
   */
  oneSnapshot(): RawBuilder<unknown> | null;
  /** The statements of a migration on this database. */
  migrationSql(migration: Migration): string[];
}

const statements = (text: string) =>
  text
    .split(";")
    .map((statement) => statement.trim())
    .filter(Boolean);

export const sqliteDialect: Dialect = {
  name: "sqlite",
  // SQLite has one writer at a time (BEGIN IMMEDIATE): a row it selects cannot be taken meanwhile.
  skipLocked: (query) => query,
  // TEXT compares with BINARY collation unless told otherwise: byte order already.
  byteOrder: (column) => sql.ref(column),
  // No arrays in SQLite: the values go in as one JSON array, read back by json_each.
  inList: (value, values) =>
    sql<SqlBool>`${value} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`,
  inBatch: (column, keys) => sql<SqlBool>`${sql.ref(column)} IN (${keys})`,
  rows: (items, columns) => {
    const picks = Object.keys(columns).map((name) => sql`value ->> ${name} AS ${sql.ref(name)}`);
    return sql`SELECT ${sql.join(picks)} FROM json_each(${JSON.stringify(items)})`;
  },
  // SQLite knows no time zones: sends are counted per UTC minute and folded into local days in
  // code, which is exact since every zone's offset is a whole number of minutes.
  sentBucket: (column) => ({ bucket: sql<string>`substr(${sql.ref(column)}, 1, 16)`, inZone: false }),
  // The purge holds the write lock from its BEGIN IMMEDIATE: an enqueue waits for it, then sees it.
  recheckPurged: false,
  // BEGIN IMMEDIATE already holds the write lock: two processes apply each migration once.
  lockMigrations: () => null,
  oneSnapshot: () => null,
  migrationSql: (migration) => statements(migration.sql),
};

export const postgresDialect: Dialect = {
  name: "postgres",
  // Replicas draining the outbox at once each take other rows instead of waiting on these.
  skipLocked: (query) => query.forUpdate().skipLocked() as typeof query,
  // The database's collation need not be byte order (en_US); migration 5 indexes key COLLATE "C".
  byteOrder: (column) => sql<string>`${sql.ref(column)} COLLATE "C"`,
  // = ANY(array): one array parameter, a plan that does not change with the count.
  inList: (value, values) => sql<SqlBool>`${value} = ANY(${[...values]}::text[])`,
  // = ANY(ARRAY(…)): the batch's keys as one value, deleted through the primary key rather than
  // by a semi-join the planner may turn into a scan.
  inBatch: (column, keys) => sql<SqlBool>`${sql.ref(column)} = ANY(ARRAY(${keys}))`,
  // Typed columns from one json parameter: the same batch form as SQLite's, not unnest of arrays.
  rows: (items, columns) => {
    const types = Object.entries(columns).map(([name, type]) => sql`${sql.ref(name)} ${sql.raw(type)}`);
    return sql`SELECT * FROM json_to_recordset(${JSON.stringify(items)}::json) AS r(${sql.join(types)})`;
  },
  // The server reads the stored UTC instant in the asked time zone.
  sentBucket: (column, timeZone) => ({
    bucket: sql<string>`to_char(${sql.ref(column)}::timestamptz AT TIME ZONE ${timeZone}, 'YYYY-MM-DD')`,
    inZone: true,
  }),
  recheckPurged: true,
  lockMigrations: () => sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`,
  // READ COMMITTED gives each statement its own snapshot; two counts read together must not.
  oneSnapshot: () => sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`,
  migrationSql: (migration) => [
    ...statements(migration.sql),
    ...(migration.postgresOnly ? statements(migration.postgresOnly) : []),
  ],
};
