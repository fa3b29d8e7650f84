/**
 * Escaping for the HTML report: every string from a plan (names, messages, assumptions) is text, never markup. The
 * five characters that can open a tag, an entity or end an attribute become entities; the page quotes every
 * attribute with `"`.
 */
const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** `text` as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}
