// A file's text piece by piece, with plain blocking reads into one buffer, and room to read a
// piece of text again.
import { closeSync, openSync, readSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { SourceError } from "../../errors.ts";

const BOM = 0xfeff;

/**
 * A stream's reads each pass through the thread pool and a fresh buffer, which cost a
 * 100,000-row file more than parsing it: these reads are blocking, into one buffer.
 */
export class FilePieces {
  private readonly fd: number;
  private readonly buffer: Buffer;
  // A character cut between two reads is held back until the next one completes it.
  private readonly decoder = new StringDecoder("utf8");
  private first = true;
  private ended = false;
  /** Text put back, read again before the file goes on. */
  private again = "";

  constructor(
    private readonly path: string,
    private readonly readBytes: number,
  ) {
    this.fd = attempt(path, () => openSync(path, "r"));
    this.buffer = Buffer.allocUnsafe(readBytes);
  }

  /** The next piece of text (without the file's BOM), and whether it is the last. */
  next(): { piece: string; last: boolean } {
    if (this.again !== "") {
      const piece = this.again.slice(0, this.readBytes);
      this.again = this.again.slice(this.readBytes);
      return { piece, last: this.again === "" && this.ended };
    }
    const size = attempt(this.path, () => readSync(this.fd, this.buffer, 0, this.readBytes, null));
    const last = size === 0;
    if (last) this.ended = true;
    let piece = last ? this.decoder.end() : this.decoder.write(this.buffer.subarray(0, size));
    if (this.first && piece !== "") {
      if (piece.charCodeAt(0) === BOM) piece = piece.slice(1);
      this.first = false;
    }
    return { piece, last };
  }

  /** Text to be read again, before whatever is still to come. */
  putBack(text: string): void {
    this.again = text + this.again;
  }

  close(): void {
    closeSync(this.fd);
  }
}

/** Runs a file operation, turning its failure into a message that names the file. */
function attempt<T>(path: string, operation: () => T): T {
  try {
    return operation();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(`Cannot read ${path}: ${code ?? (error as Error).message}`, { cause: error });
  }
}
