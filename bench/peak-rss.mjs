// `node --import ./peak-rss.mjs …`: prints the process's peak resident set size and CPU time on
// stderr at exit, so a command and a bare `node -e 0` are measured the same way.
process.on("exit", () => {
  const usage = process.resourceUsage();
  const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
  process.stderr.write(`peak-rss-kib=${usage.maxRSS} cpu-ms=${cpuMs.toFixed(1)}\n`);
});
