// Whether a Slack status says the person is away (on holiday, out sick, travelling): by its emoji or
// by words in its text, unless it has expired.

export interface SlackStatus {
  text: string;
  emoji: string;
  /** Unix seconds when Slack clears the status; 0 for never. */
  expiration: number;
}

export interface AwaySignals {
  /** Emoji codes such as `:palm_tree:`. */
  emoji: readonly string[];
  /** Words or phrases such as `out of office`, matched as whole words, any case. */
  text: readonly string[];
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A matcher built once per configuration: `ooo` matches "OOO until Monday", not "cooool". */
export function awayMatcher(signals: AwaySignals): (status: SlackStatus | null, now: Date) => boolean {
  const emoji = new Set(signals.emoji.map((code) => code.toLowerCase()));
  const words =
    signals.text.length > 0
      ? new RegExp(
          `(^|[^\\p{L}\\p{N}])(${signals.text.map(escapeRegExp).join("|")})($|[^\\p{L}\\p{N}])`,
          "iu",
        )
      : null;
  return (status, now) => {
    if (!status) return false;
    if (status.expiration > 0 && status.expiration * 1000 <= now.getTime()) return false;
    // Slack may add a skin tone or variant (`:baby::skin-tone-3:`): the first code decides.
    const firstEmoji = /^:[^:\s]+:/.exec(status.emoji.toLowerCase())?.[0] ?? "";
    if (firstEmoji && emoji.has(firstEmoji)) return true;
    return words?.test(status.text) ?? false;
  };
}
