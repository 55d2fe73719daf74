// Give Back: the modal, the channel post, the project list with adoption, and check-ins.
import type { KnownBlock, View } from "@slack/types";
import type { Adoption } from "../domain/adoption.ts";
import { COE_TOPICS, GIVE_BACK_STATUSES, type GiveBackProject } from "../domain/rituals.ts";
import type { SlackMessage } from "./digest-blocks.ts";
import { CALLBACK_IDS, RITUAL_ACTION_IDS } from "./ids.ts";
import { selectInput, textInput, urlInput, yesNoInput } from "./inputs.ts";
import { escapeMrkdwn, mention, mrkdwnLink, plainText, truncate } from "./mrkdwn.ts";

const plain = (text: string) => plainText(text, 75);
const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: truncate(text, 3000) },
});

export function giveBackModal(): View {
  return {
    type: "modal",
    callback_id: CALLBACK_IDS.giveBack,
    title: plain("Give Back project"),
    submit: plain("Submit"),
    close: plain("Cancel"),
    blocks: [
      section(
        "A finite project that helps the team, to be used by at least 70% of it at least once a month.",
      ),
      textInput("title", "Title", { max: 150 }),
      textInput("problem", "Problem it solves", { multiline: true }),
      textInput("description", "Description, and how others use it", { optional: true, multiline: true }),
      selectInput("coeTopic", "Center of Excellence topic", COE_TOPICS, { optional: true }),
      urlInput("trackingUrl", "Link to the tracking issue", { optional: true }),
      yesNoInput("repeatable", "Does it need repeating (like a customer AMA)?", { optional: true }),
      urlInput("handbookUrl", "Link to the handbook entry (for a repeatable project)", { optional: true }),
      selectInput("status", "Status", GIVE_BACK_STATUSES, { initial: "proposed" }),
    ],
  };
}

export function giveBackPost(project: GiveBackProject, authorId: string): SlackMessage {
  const facts = [
    `*Status:* ${escapeMrkdwn(project.status)}`,
    project.coeTopic ? `*Center of Excellence:* ${escapeMrkdwn(project.coeTopic)}` : null,
    project.trackingUrl ? `*Tracking issue:* ${mrkdwnLink(project.trackingUrl, "open")}` : null,
    project.repeatable && project.handbookUrl
      ? `*Repeatable; how to:* ${mrkdwnLink(project.handbookUrl, "handbook entry")}`
      : null,
  ].filter((line): line is string => line !== null);
  const blocks: KnownBlock[] = [
    { type: "header", text: plainText(`Give Back: ${project.title}`, 150) },
    section(`*${mention(authorId)}* shared a Give Back project`),
    section(`*Problem it solves*\n${escapeMrkdwn(project.problem)}`),
  ];
  if (project.description) blocks.push(section(`*How to use it*\n${escapeMrkdwn(project.description)}`));
  blocks.push(section(facts.join("\n")));
  return { text: `Give Back: ${escapeMrkdwn(project.title)}`, blocks };
}

export interface ProjectRow {
  project: GiveBackProject;
  thisMonth: Adoption;
  lastMonth: Adoption;
  /** Whether the viewer may change its status. */
  mine: boolean;
}

function adoptionLine(adoption: Adoption, goal: number): string {
  if (adoption.rate === null) return `${adoption.month}: no team yet`;
  const percent = Math.round(adoption.rate * 100);
  return `${adoption.month}: ${adoption.yes} of ${adoption.teamSize} (${percent}%) ${adoption.meetsGoal ? "✅" : `below ${Math.round(goal * 100)}%`}`;
}

export function giveBackListBlocks(rows: ProjectRow[], goal: number): KnownBlock[] {
  if (rows.length === 0) return [section("No Give Back projects yet. `/giveback` submits the first one.")];
  const blocks: KnownBlock[] = [
    section(`*Give Back projects* (adoption goal: ${Math.round(goal * 100)}% of the team each month)`),
  ];
  for (const row of rows.slice(0, 45)) {
    const { project } = row;
    const adoption =
      project.status === "completed"
        ? `\n${adoptionLine(row.thisMonth, goal)} · ${adoptionLine(row.lastMonth, goal)}`
        : "";
    const block: KnownBlock = section(
      `*${escapeMrkdwn(project.title)}* · ${escapeMrkdwn(project.status)}${adoption}`,
    );
    if (row.mine && block.type === "section") {
      block.block_id = `project:${project.id}`;
      block.accessory = {
        type: "static_select",
        action_id: RITUAL_ACTION_IDS.setStatus,
        placeholder: plain("Set status"),
        initial_option: { text: plain(project.status), value: `${project.id}|${project.status}` },
        options: GIVE_BACK_STATUSES.map((status) => ({
          text: plain(status),
          value: `${project.id}|${status}`,
        })),
      };
    }
    blocks.push(block);
  }
  return blocks;
}

export function checkInMessage(project: GiveBackProject, month: string): SlackMessage {
  const value = (used: "yes" | "no") => `${project.id}|${month}|${used}`;
  return {
    text: `Did you use ${escapeMrkdwn(project.title)} this month?`,
    blocks: [
      section(`Did you use the Give Back project *${escapeMrkdwn(project.title)}* this month (${month})?`),
      {
        type: "actions",
        block_id: `check-in:${project.id}`,
        elements: [
          {
            type: "button",
            action_id: `${RITUAL_ACTION_IDS.checkIn}_yes`,
            text: plain("Yes"),
            style: "primary",
            value: value("yes"),
          },
          {
            type: "button",
            action_id: `${RITUAL_ACTION_IDS.checkIn}_no`,
            text: plain("No"),
            value: value("no"),
          },
        ],
      },
    ],
  };
}

export function checkInAnswered(
  project: GiveBackProject | null,
  month: string,
  used: boolean,
  first: boolean,
): SlackMessage {
  const name = project ? `*${escapeMrkdwn(project.title)}*` : "that project";
  const text = first
    ? `Thanks: you ${used ? "used" : "did not use"} ${name} in ${month}.`
    : `You had already answered for ${name} in ${month}; your first answer stands.`;
  return { text, blocks: [section(text)] };
}

export function newHireReminder(name: string): SlackMessage {
  const text =
    `Welcome aboard, ${escapeMrkdwn(name)}! Every new member of the team picks a Give Back project: a finite piece of ` +
    "work that helps the whole team. Pick a problem you've hit (or a Center of Excellence topic) and submit it with `/giveback`.";
  return { text: "Your Give Back project", blocks: [section(text)] };
}
