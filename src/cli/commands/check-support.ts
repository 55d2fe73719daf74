// check-config's look at the support queue: off without ZENDESK_* (and no request made); with them,
// who the token signs in as and which configured groups Zendesk lacks, within a time limit so
// check-config never hangs on an unreachable Zendesk.
import type { Config } from "../../config/config.ts";
import { zendeskUrlForDisplay } from "../../config/describe-support.ts";
import type { Logger } from "../../logging.ts";
import { SupportDeskError } from "../../services/ports/support-desk-port.ts";
import { CHECK_RETRY_POLICY, type RetryPolicy } from "../../support/zendesk/retry-policy.ts";
import { createZendeskDesk } from "../../support/zendesk/zendesk-desk.ts";
import type { Output } from "../output.ts";

/** The whole check's limit, retries included. */
export const SUPPORT_CHECK_DEADLINE_MS = 20_000;

/** False when the configuration is wrong (a refused token); an unreachable Zendesk is only said. */
export async function checkSupport(
  config: Pick<Config, "zendesk" | "support">,
  logger: Logger,
  output: Output,
  options: { deadlineMs?: number; retry?: RetryPolicy } = {},
): Promise<boolean> {
  // At the deadline the request in flight is aborted and no retry follows: nothing is left running
  // to keep the command alive after it has said so.
  const stop = new AbortController();
  const retry = { ...(options.retry ?? CHECK_RETRY_POLICY), signal: stop.signal };
  const desk = createZendeskDesk(config.zendesk, logger, retry);
  if (!desk || !config.zendesk) {
    output.err("Support queue off: ZENDESK_URL, ZENDESK_EMAIL and ZENDESK_API_TOKEN are not set.");
    return true;
  }
  const url = zendeskUrlForDisplay(config.zendesk.url);
  const deadlineMs = options.deadlineMs ?? SUPPORT_CHECK_DEADLINE_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop.abort();
      reject(
        new SupportDeskError("unavailable", `Zendesk at ${url} did not answer within ${deadlineMs / 1000} s`),
      );
    }, deadlineMs);
  });
  try {
    const { user, missingGroups } = await Promise.race([desk.check(config.support.groups), deadline]);
    output.err(`Signed in to Zendesk at ${url} as ${user.name} (${user.email}).`);
    for (const group of missingGroups) {
      output.err(
        `Zendesk has no group named "${group}": its tickets are not read. Correct support.groups or the group's name in Zendesk.`,
      );
    }
    return true;
  } catch (error) {
    if (error instanceof SupportDeskError && error.kind === "unauthorized") {
      output.err(`Configuration error: ${error.message}`);
      return false;
    }
    const reason = error instanceof Error ? error.message : String(error);
    output.err(`Zendesk could not be checked: ${reason}. The support queue retries it on every poll.`);
    return true;
  } finally {
    clearTimeout(timer);
  }
}
