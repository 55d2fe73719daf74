// The one escaping path for the web console: HTML is built with the `html` tag, which escapes every
// interpolated value unless it is already SafeHtml, so text a user or the CRM wrote never becomes markup.

/** Markup known to be safe: built by `html`, or a constant passed through `raw`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char] as string);
}

function piece(value: unknown): string {
  if (value === null || value === undefined || value === false) return "";
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(piece).join("");
  return escapeHtml(String(value));
}

/** Template tag: `html\`<td>${name}</td>\`` escapes `name`; arrays are joined; null, undefined and false vanish. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  values.forEach((value, index) => {
    out += piece(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(out);
}

/** A constant written in this code base, never user or CRM text. */
export const raw = (markup: string): SafeHtml => new SafeHtml(markup);

/**
 * Data for a script to read, put in `<script type="application/json">`: not executed, so allowed
 * under a strict Content-Security-Policy, and `<` escaped so no value can close the element.
 */
export function jsonForScript(data: unknown): SafeHtml {
  return new SafeHtml(
    JSON.stringify(data)
      .replace(/</g, "\\u003c")
      .replace(/>/g, "\\u003e")
      .replace(/&/g, "\\u0026")
      .replace(/\u2028/g, "\\u2028")
      .replace(/\u2029/g, "\\u2029"),
  );
}
