// Trip modals (the ROI planner and trip notes), the ROI result, and trip messages.
import type { KnownBlock, View } from "@slack/types";
import { formatMoney } from "../domain/messages.ts";
import type { PlannedTrip, TripNotes } from "../domain/rituals.ts";
import type { TripRoi } from "../domain/roi.ts";
import { TRIP_LIMITS as MAX } from "../domain/trip-limits.ts";
import type { SlackMessage } from "./digest-blocks.ts";
import { CALLBACK_IDS, RITUAL_ACTION_IDS } from "./ids.ts";
import { dateInput, numberInput, textInput, urlInput, yesNoInput } from "./inputs.ts";
import { escapeMrkdwn, mention, mrkdwnLink, plainText, truncate } from "./mrkdwn.ts";

const title = (text: string) => plainText(text, 75);
const section = (text: string): KnownBlock => ({
  type: "section",
  text: { type: "mrkdwn", text: truncate(text, 3000) },
});

export function tripPlanModal(): View {
  return {
    type: "modal",
    callback_id: CALLBACK_IDS.tripPlan,
    title: title("Plan an event"),
    submit: title("Work it out"),
    close: title("Cancel"),
    blocks: [
      section("Before you go, count the cost in money and hours, and the pipeline it has to create."),
      textInput("eventName", "Event name", { max: 150 }),
      dateInput("startDate", "Start date"),
      dateInput("endDate", "End date"),
      numberInput("travelCost", "Travel cost ($)", { max: MAX.travelCost }),
      numberInput("foodAndLodgingCost", "Food and lodging for you ($)", { max: MAX.foodAndLodgingCost }),
      numberInput("meals", "Customer meals: meals per occasion", {
        decimal: false,
        initial: 0,
        max: MAX.meals,
      }),
      numberInput("customers", "Customer meals: customers", {
        decimal: false,
        initial: 0,
        max: MAX.customers,
      }),
      numberInput("times", "Customer meals: number of times", { decimal: false, initial: 0, max: MAX.times }),
      numberInput("costPerMeal", "Customer meals: cost per meal ($)", { initial: 0, max: MAX.costPerMeal }),
      numberInput("businessHoursAway", "Business hours away from Salesforce", { max: MAX.businessHoursAway }),
      numberInput("personalHoursAway", "Personal hours away from your life", { max: MAX.personalHoursAway }),
      numberInput("meetingsBooked", "Meetings booked so far", { decimal: false, max: MAX.meetingsBooked }),
    ],
  };
}

export function tripPlanResult(eventName: string, roi: TripRoi, multiple: number, closeRate: number): View {
  const rate = `${Math.round(closeRate * 100)}%`;
  return {
    type: "modal",
    title: title("Event ROI"),
    close: title("Done"),
    blocks: [
      section(`*${escapeMrkdwn(eventName)}*`),
      section(
        `*Total cost: ${formatMoney(roi.totalCost)}* (customer meals ${formatMoney(roi.customerMealsCost)}), ` +
          `and ${roi.hoursAway} hours away.\n*Pipeline needed: ${formatMoney(roi.pipelineNeeded)}*`,
      ),
      section(
        `To return ${multiple}× what it costs when event pipeline closes at about ${rate}, you need ` +
          `${formatMoney(roi.pipelineNeeded)} of pipeline: book the meetings before you go.`,
      ),
      {
        type: "context",
        elements: [
          { type: "mrkdwn", text: "Saved as a planned trip: after it ends, `/tripnote` picks it up." },
        ],
      },
    ],
  };
}

/** The first step of `/tripnote` when the rep has planned trips: which one are these notes for? */
export function tripPickModal(trips: PlannedTrip[]): View {
  return {
    type: "modal",
    callback_id: CALLBACK_IDS.tripNotes,
    title: title("Trip notes"),
    close: title("Cancel"),
    blocks: [
      {
        type: "section",
        block_id: "pick",
        text: { type: "mrkdwn", text: "Which trip are these notes for?" },
        accessory: {
          type: "static_select",
          action_id: RITUAL_ACTION_IDS.pickTrip,
          placeholder: title("Choose a trip"),
          options: [
            ...trips.slice(0, 99).map((trip) => ({
              text: plainText(`${trip.eventName} (${trip.startDate})`, 75),
              value: trip.id,
            })),
            { text: title("Another trip"), value: "none" },
          ],
        },
      },
    ],
  };
}

export function tripNotesModal(trip: PlannedTrip | null): View {
  return {
    type: "modal",
    callback_id: CALLBACK_IDS.tripNotes,
    private_metadata: JSON.stringify({ tripId: trip?.id ?? null }),
    title: title("Trip notes"),
    submit: title("Share"),
    close: title("Cancel"),
    blocks: [
      textInput("eventName", "Event or trip name", { max: 150, initial: trip?.eventName ?? null }),
      dateInput("startDate", "Start date", { initial: trip?.startDate ?? null }),
      dateInput("endDate", "End date", { initial: trip?.endDate ?? null }),
      textInput("location", "Location", { optional: true, max: 150 }),
      textInput("accountsMet", "Accounts and people met", { optional: true, multiline: true }),
      textInput("insights", "Key insights", {
        multiline: true,
        hint: "What did you learn that the team should know?",
      }),
      numberInput("pipelineCreated", "Pipeline created ($)", { optional: true, max: MAX.pipelineCreated }),
      textInput("followUps", "Follow-ups", { optional: true, multiline: true }),
      urlInput("notesUrl", "Link to the full notes document", { optional: true }),
      yesNoInput("feedbackShared", "Post-event feedback shared?", { optional: true }),
    ],
  };
}

export function tripNotesPost(notes: TripNotes, authorId: string): SlackMessage {
  const lines = [
    `*${mention(authorId)}* shared trip notes · ${notes.startDate} – ${notes.endDate}${notes.location ? ` · ${escapeMrkdwn(notes.location)}` : ""}`,
  ];
  const blocks: KnownBlock[] = [
    { type: "header", text: plainText(`Trip notes: ${notes.eventName}`, 150) },
    section(lines.join("\n")),
    section(`*Key insights*\n${escapeMrkdwn(notes.insights)}`),
  ];
  if (notes.accountsMet)
    blocks.push(section(`*Accounts and people met*\n${escapeMrkdwn(notes.accountsMet)}`));
  const facts = [
    `*Pipeline created:* ${notes.pipelineCreated === null ? "not given" : formatMoney(notes.pipelineCreated)}`,
    `*Post-event feedback shared:* ${notes.feedbackShared === null ? "not said" : notes.feedbackShared ? "yes" : "no"}`,
  ];
  blocks.push(section(facts.join("\n")));
  if (notes.followUps) blocks.push(section(`*Follow-ups*\n${escapeMrkdwn(notes.followUps)}`));
  if (notes.notesUrl) blocks.push(section(`*Full notes:* ${mrkdwnLink(notes.notesUrl, notes.eventName)}`));
  return { text: `Trip notes: ${escapeMrkdwn(notes.eventName)}`, blocks };
}

export function tripNotesConfirmation(notes: TripNotes, channelName: string): SlackMessage {
  const text = `Thanks! Your trip notes for ${escapeMrkdwn(notes.eventName)} are saved and shared in #${escapeMrkdwn(channelName)}.`;
  return { text, blocks: [section(`:white_check_mark: ${text}`)] };
}

export function tripReminder(trip: PlannedTrip, count: number, max: number): SlackMessage {
  const text =
    `Your trip to ${escapeMrkdwn(trip.eventName)} ended on ${trip.endDate}. Share your trip notes with \`/tripnote\`: ` +
    `what you learned, who you met and the pipeline it created. (Reminder ${count} of ${max}.)`;
  return { text: `Trip notes for ${escapeMrkdwn(trip.eventName)}?`, blocks: [section(text)] };
}
