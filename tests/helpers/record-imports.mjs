// `node --import ./record-imports.mjs …`: appends the URL of every module the program imports to
// the file named by RECORD_IMPORTS_TO, so a test can see what a command loads.
import { register } from "node:module";

register("./record-imports-hooks.mjs", import.meta.url, { data: { file: process.env.RECORD_IMPORTS_TO } });
