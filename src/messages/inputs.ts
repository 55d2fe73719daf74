// Modal input blocks, one field each, whose block id is the form field's name (so validation
// errors map straight back), and the reader that turns a submitted view's state into raw values.
import type { InputBlock, PlainTextOption } from "@slack/types";
import { plainText } from "./mrkdwn.ts";

interface Common {
  optional?: boolean;
  hint?: string;
}

// Slack's limits: labels and hints 2,000 characters, an option's text 75.
const label = (text: string) => plainText(text, 2000);
const option = (value: string, text = value): PlainTextOption => ({ text: plainText(text, 75), value });

function input(field: string, title: string, element: InputBlock["element"], common: Common): InputBlock {
  return {
    type: "input",
    block_id: field,
    label: label(title),
    optional: common.optional ?? false,
    ...(common.hint ? { hint: label(common.hint) } : {}),
    element,
  };
}

export function textInput(
  field: string,
  title: string,
  options: Common & { multiline?: boolean; initial?: string | null; max?: number } = {},
): InputBlock {
  return input(
    field,
    title,
    {
      type: "plain_text_input",
      action_id: "value",
      multiline: options.multiline ?? false,
      ...(options.max ? { max_length: options.max } : {}),
      ...(options.initial ? { initial_value: options.initial } : {}),
    },
    options,
  );
}

export function dateInput(
  field: string,
  title: string,
  options: Common & { initial?: string | null } = {},
): InputBlock {
  return input(
    field,
    title,
    { type: "datepicker", action_id: "value", ...(options.initial ? { initial_date: options.initial } : {}) },
    options,
  );
}

export function numberInput(
  field: string,
  title: string,
  options: Common & { decimal?: boolean; initial?: number | null; max?: number } = {},
): InputBlock {
  return input(
    field,
    title,
    {
      type: "number_input",
      action_id: "value",
      is_decimal_allowed: options.decimal ?? true,
      min_value: "0",
      ...(options.max != null ? { max_value: String(options.max) } : {}),
      ...(options.initial != null ? { initial_value: String(options.initial) } : {}),
    },
    options,
  );
}

export function urlInput(field: string, title: string, options: Common = {}): InputBlock {
  return input(field, title, { type: "url_text_input", action_id: "value" }, options);
}

export function selectInput(
  field: string,
  title: string,
  choices: readonly string[],
  options: Common & { initial?: string | null } = {},
): InputBlock {
  const initial = options.initial ? option(options.initial) : null;
  return input(
    field,
    title,
    {
      type: "static_select",
      action_id: "value",
      options: choices.map((choice) => option(choice)),
      ...(initial ? { initial_option: initial } : {}),
    },
    options,
  );
}

export function yesNoInput(field: string, title: string, options: Common = {}): InputBlock {
  return input(
    field,
    title,
    { type: "radio_buttons", action_id: "value", options: [option("yes", "Yes"), option("no", "No")] },
    options,
  );
}

interface StateValue {
  type?: string;
  value?: string | null;
  selected_date?: string | null;
  selected_option?: { value?: string } | null;
}

/** `{ field: raw string }` from a submitted view's state (`action_id` is always "value"). */
export function readViewValues(state: {
  values: Record<string, Record<string, StateValue>>;
}): Record<string, string | null> {
  const values: Record<string, string | null> = {};
  for (const [field, actions] of Object.entries(state.values)) {
    const entry = actions.value;
    if (!entry) continue;
    values[field] = entry.value ?? entry.selected_date ?? entry.selected_option?.value ?? null;
  }
  return values;
}
