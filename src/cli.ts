// The `nudgebot` command line: parses arguments, builds the app, runs one command, sets the exit code.
// Each command and the app are imported only once chosen, so `--help` (and a usage error) starts
// without loading Bolt, the database drivers or the CRM clients.
import { parseArgs } from "node:util";
import { type Output, processOutput } from "./cli/output.ts";
import { ConfigError, NudgebotError, UsageError } from "./errors.ts";

const USAGE = `Usage: nudgebot <command> [options]

Commands:
  serve                     run the bot (Socket Mode with SLACK_APP_TOKEN, else HTTP on PORT)
  scan [--json]             run one nudge cycle now: each rep with findings gets today's digest
  scan --dry-run [--json]   check the pipeline now and print every finding (--json: one per line)
  demo [--json]             one full nudge cycle on the bundled sample, digests printed (--json: Block Kit)
  demo --history [--json]   four weeks of daily scans on the sample, reps fixing part of it, then the report
  demo --history --serve    … then the admin console on it at http://127.0.0.1:PORT/admin (demo sign-in)
  report [--since DATE] [--json]
                            does nudging work? per rule: opened, nudged, fixed within 3 working
                            days, median days to fix, noisy rules (default: the last 28 days)
  migrate                   bring the database schema up to date
  check-config              print the effective configuration (secrets masked), or what is wrong
  help                      this text

Configuration comes from the environment and config/nudgebot.yml; see the README.`;

const COMMANDS = new Set(["serve", "scan", "demo", "report", "migrate", "check-config"]);
/** One-shot commands keep the terminal quiet unless LOG_LEVEL says otherwise. */
const QUIET = { defaultLogLevel: "warn" };

export async function runCli(argv: string[], env: NodeJS.ProcessEnv, output: Output): Promise<number> {
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        "dry-run": { type: "boolean", default: false },
        json: { type: "boolean", default: false },
        since: { type: "string" },
        history: { type: "boolean", default: false },
        serve: { type: "boolean", default: false },
        help: { type: "boolean", short: "h" },
      },
    });
    const [command = "help", ...rest] = positionals;
    if (rest.length > 0) throw new UsageError(`Unexpected argument: ${rest[0]}`);
    if (command === "help" || values.help) {
      output.out(USAGE);
      return 0;
    }
    if (!COMMANDS.has(command)) throw new UsageError(`Unknown command: ${command}`);
    const { createApp } = await import("./app.ts");
    switch (command) {
      case "serve": {
        const { serve } = await import("./cli/commands/serve.ts");
        try {
          return await serve(createApp(env), output);
        } finally {
          // serve closes everything it opened; should a library still hold a socket or timer open
          // afterwards, the process must not linger half-alive (exit uses the exit code set by then).
          setTimeout(() => process.exit(), 10_000).unref();
        }
      }
      case "scan": {
        const { scan } = await import("./cli/commands/scan.ts");
        const app = createApp(env, QUIET);
        return await scan(app, output, { dryRun: values["dry-run"] === true, json: values.json === true });
      }
      case "demo": {
        const { demo } = await import("./cli/commands/demo.ts");
        return await demo(createApp(env, QUIET), output, {
          json: values.json === true,
          history: values.history === true,
          serve: values.serve === true,
        });
      }
      case "report": {
        const { report } = await import("./cli/commands/report.ts");
        return await report(createApp(env, QUIET), output, {
          since: values.since,
          json: values.json === true,
        });
      }
      case "migrate": {
        const { migrate } = await import("./cli/commands/migrate.ts");
        return await migrate(createApp(env, QUIET), output);
      }
      case "check-config": {
        const { checkConfig } = await import("./cli/commands/check-config.ts");
        return await checkConfig(createApp(env, QUIET), output);
      }
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (error) {
    output.done();
    if (error instanceof ConfigError) {
      for (const problem of error.problems) output.err(`Configuration error: ${problem}`);
      return 1;
    }
    if (
      error instanceof UsageError ||
      (error instanceof TypeError && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))
    ) {
      output.err(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    if (error instanceof NudgebotError) {
      output.err(error.message);
      return 1;
    }
    output.err(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2), process.env, processOutput());
