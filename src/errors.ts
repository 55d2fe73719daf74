// The error classes the bot raises: each has a stable code, a sentence for people, and its cause.

export type ErrorCode =
  | "CONFIG_INVALID"
  | "SOURCE_UNREADABLE"
  | "WRITE_BACK_REFUSED"
  | "RECORD_GONE"
  | "STORE_FAILED"
  | "STARTUP_FAILED"
  | "STARTUP_CANCELLED"
  | "USAGE";

export class NudgebotError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** One or more bad configuration values; each problem is one line naming the value. */
export class ConfigError extends NudgebotError {
  readonly problems: string[];

  constructor(problems: string[], options?: { cause?: unknown }) {
    super("CONFIG_INVALID", problems.join("\n"), options);
    this.problems = problems;
  }
}

/** A data source that cannot be read at all (a missing file or column), as opposed to one bad row. */
export class SourceError extends NudgebotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("SOURCE_UNREADABLE", message, options);
  }
}

/** The CRM refused a write; `field` names the domain field the message belongs next to, if any. */
export class WriteBackError extends NudgebotError {
  readonly field: string | null;

  constructor(message: string, field: string | null = null, options?: { cause?: unknown }) {
    super("WRITE_BACK_REFUSED", message, options);
    this.field = field;
  }
}

/** The record a write was meant for no longer exists in the CRM (deleted or merged). */
export class RecordGoneError extends NudgebotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("RECORD_GONE", message, options);
  }
}

export class StoreError extends NudgebotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("STORE_FAILED", message, options);
  }
}

export class UsageError extends NudgebotError {
  constructor(message: string) {
    super("USAGE", message);
  }
}

/** `serve` could not start (a port in use, a bot token Slack refuses): one line saying what to fix. */
export class StartupError extends NudgebotError {
  constructor(message: string, options?: { cause?: unknown }) {
    super("STARTUP_FAILED", message, options);
  }
}

/** A stop signal arrived while `serve` was still starting: not a failure, nothing more is started. */
export class StartupCancelledError extends NudgebotError {
  constructor(options?: { cause?: unknown }) {
    super("STARTUP_CANCELLED", "stopped before start-up finished", options);
  }
}
