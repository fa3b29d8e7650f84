/**
 * Escaping of untrusted strings (plan names, file names, model names, messages) for GitHub-flavoured markdown.
 * A plan file comes from a pull request: whatever it holds must render as the literal text, never as markup, HTML,
 * a link, a table cell break or a notification.
 *
 * GitHub turns some plain text into links after the markdown is rendered, on the text itself (github.com docs,
 * "Autolinked references and URLs"): `@name` mentions, `#123` / `GH-123` / `owner/repo#123` references and URLs. A
 * backslash does not stop those (it is gone by then); a zero-width joiner inside the pattern does. (A bare commit SHA
 * links to a commit of the same repository only, and notifies nobody: it is left as it is.)
 */

/** Zero-width joiner: placed inside `@name`, `#123`, `https://` it stops GitHub from linking them. */
const ZERO_WIDTH_JOINER = '\u200d';

/** User strings longer than this are cut (a 10,000-character plan name would fill the comment). */
export const MAX_SHOWN_CHARACTERS = 1000;

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Markdown punctuation that can open or close markup inside a line (user strings never start a line, so list and
 * heading markers need no escape): each is written with a backslash. `$` opens math on GitHub. */
const MARKDOWN_SPECIALS = /[\\`*_{}[\]()#|~!$]/g;

/**
 * Characters that change how text around them is shown without being seen: bidirectional controls (U+202A–U+202E,
 * U+2066–U+2069, U+200E/U+200F, U+061C: "Trojan Source", Boucher and Anderson 2021), zero-width spaces and joiners,
 * the byte-order mark. Each is shown as its code point.
 */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Control characters (C0 but tab and newline, DEL, C1): shown as their code point too. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

const codePoint = (char: string): string => `‹U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}›`;

/** One line, invisible and control characters made visible, cut to MAX_SHOWN_CHARACTERS. */
function visibleLine(text: string): string {
  const line = text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(INVISIBLE, codePoint)
    .replace(CONTROLS, codePoint);
  if (line.length <= MAX_SHOWN_CHARACTERS) return line;
  // Cut at a code point boundary, never inside a surrogate pair.
  const cut = Array.from(line.slice(0, MAX_SHOWN_CHARACTERS)).slice(0, -1).join('');
  return `${cut}… (${line.length} characters)`;
}

/**
 * Breaks what GitHub links in text: mentions, issue references, URLs. Runs on the escaped text, so a user's `#` may be
 * written `\#` or `&#35;` before the digits (and `&#124;`, an entity of ours, is left whole).
 */
function unlinked(text: string): string {
  return (
    text
      .replace(/@/g, `@${ZERO_WIDTH_JOINER}`)
      // #123, owner/repo#123 (escaped `\#` or `&#35;`)
      .replace(/(?<!&)#(?=\d)/g, `#${ZERO_WIDTH_JOINER}`)
      .replace(/&#35;(?=\d)/g, `&#35;${ZERO_WIDTH_JOINER}`)
      // GH-123
      .replace(/\b(GH)-(?=\d)/gi, `$1-${ZERO_WIDTH_JOINER}`)
      // scheme://host (http, https, ftp, …) and www.host
      .replace(/:\/\//g, `:${ZERO_WIDTH_JOINER}//`)
      .replace(/\b(www)\./gi, `$1${ZERO_WIDTH_JOINER}.`)
  );
}

/**
 * Returns `text` as inline markdown that shows exactly the text: one line, HTML entities for `& < > "`, a backslash
 * before markdown punctuation (which also keeps `|` from ending a table cell), a zero-width joiner inside mentions,
 * references and URLs, invisible characters shown as their code points, at most MAX_SHOWN_CHARACTERS.
 */
export function escapeMarkdownText(text: string): string {
  return unlinked(
    visibleLine(text)
      .replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char)
      .replace(MARKDOWN_SPECIALS, (char) => `\\${char}`),
  );
}

/**
 * Returns `text` for use inside an HTML element such as `<summary>`, where backslashes are shown literally:
 * entities for `& < > "` and for the markdown punctuation GitHub still interprets there, and the rest as
 * escapeMarkdownText does.
 */
export function escapeHtmlText(text: string): string {
  return unlinked(
    visibleLine(text)
      .replace(/[&<>"]/g, (char) => HTML_ENTITIES[char] ?? char)
      .replace(/[`*_[\]|~#]/g, (char) => `&#${char.charCodeAt(0)};`),
  );
}
