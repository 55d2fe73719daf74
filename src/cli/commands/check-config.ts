// `nudgebot check-config`: the effective configuration, secrets masked.
import { stringify } from "yaml";
import type { App } from "../../app.ts";
import { describeConfig } from "../../config/describe-config.ts";
import type { Output } from "../output.ts";

export async function checkConfig(app: App, output: Output): Promise<number> {
  output.out(stringify(describeConfig(app.config)).trimEnd());
  output.err("Configuration is valid.");
  return 0;
}
