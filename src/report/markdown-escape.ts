/**
 * Escaping of untrusted strings (plan names, file names, model names, messages) for GitHub-flavoured markdown.
 * A plan file comes from a pull request: whatever it holds must render as the literal text, never as markup, HTML,
 * a link, a table cell break or a notification.
 */

/** Zero-width joiner: placed after `@` it stops GitHub from turning `@name` into a mention. */
const ZERO_WIDTH_JOINER = '\u200d';

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Markdown punctuation that can open or close markup inside a line (user strings never start a line, so list and
 * heading markers need no escape): each is written with a backslash. `$` opens math on GitHub. */
const MARKDOWN_SPECIALS = /[\\`*_{}[\]()#|~!$]/g;

/**
 * Returns `text` as inline markdown that shows exactly the text: one line, HTML entities for `& < > "`, a backslash
 * before markdown punctuation (which also keeps `|` from ending a table cell), a zero-width joiner after `@`.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char)
    .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`)
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`);
}

/**
 * Returns `text` for use inside an HTML element such as `<summary>`, where backslashes are shown literally:
 * entities for `& < > "` and for the markdown punctuation GitHub still interprets there, a zero-width joiner after `@`.
 */
export function escapeHtmlText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char)
    .replace(/[`*_[\]|~#]/g, (char) => `&#${char.charCodeAt(0)};`)
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`);
}
