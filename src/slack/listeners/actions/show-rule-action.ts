// A rule line's button: lists that rule's records with their buttons, as an ephemeral reply to a
// digest or /nudge me, or opened up under the line in App Home.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import { RULE_IDS } from "../../../domain/findings.ts";
import { ruleListMessage } from "../../views/rule-list.ts";
import { afterAck } from "../after-ack.ts";
import { publishHome } from "../events/app-home-opened.ts";
import type { ListenerServices } from "../services.ts";

type Args = SlackActionMiddlewareArgs<BlockAction<ButtonAction>> & AllMiddlewareArgs;

export function showRuleAction(services: ListenerServices) {
  const service = services.nudge;
  return async ({ ack, body, action, respond }: Args): Promise<void> => {
    await ack();
    await afterAck();
    const rule = /^\d+$/.test(action.value ?? "") ? (RULE_IDS[Number(action.value)] ?? null) : null;
    if (body.container?.type === "view") {
      await publishHome(services, body.user.id, rule);
      return;
    }
    const { viewer, view } = await service.viewer(body.user.id);
    const plan = rule ? await service.myPlan(viewer, view) : null;
    const line = plan?.lines.find((candidate) => candidate.rule === rule) ?? null;
    await respond({
      response_type: "ephemeral",
      replace_original: false,
      ...ruleListMessage(plan, line, service.crmName),
    });
  };
}
