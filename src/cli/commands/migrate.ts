// `nudgebot migrate`: brings the database schema up to date and says what it did.
import type { App } from "../../app.ts";
import { maskUrlPassword } from "../../config/describe-config.ts";
import type { Output } from "../output.ts";

export async function migrate(app: App, output: Output): Promise<number> {
  const store = app.createStore();
  try {
    const report = await store.migrate();
    const where =
      app.config.database.kind === "sqlite"
        ? app.config.database.file
        : `PostgreSQL ${maskUrlPassword(app.config.database.url)}`;
    output.out(
      report.applied.length > 0
        ? `Applied ${report.applied.join(", ")} to ${where}.`
        : `Database ${where} is up to date (${report.current.at(-1)}).`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
