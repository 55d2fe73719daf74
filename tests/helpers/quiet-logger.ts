// A logger that keeps test output clean.
import { pino } from "pino";

export const quietLogger = pino({ level: "silent" });
