// Where the CLI writes: results on stdout, people-facing notes and progress on stderr.

export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Transient progress; shown only when stderr is a terminal. */
  progress(text: string): void;
  done(): void;
}

export function processOutput(): Output {
  // A reader that stops early (`| head`) is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  const tty = process.stderr.isTTY === true;
  let showing = false;
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => {
      if (showing) process.stderr.write("\r\x1b[K");
      showing = false;
      process.stderr.write(`${text}\n`);
    },
    progress: (text) => {
      if (!tty) return;
      process.stderr.write(`\r\x1b[K${text}`);
      showing = true;
    },
    done: () => {
      if (showing) process.stderr.write("\r\x1b[K");
      showing = false;
    },
  };
}
