import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    environment: "node",
    // Several tests start the bot as a process: on a busy 2-core machine that alone can take 20 s.
    testTimeout: 60_000,
  },
});
