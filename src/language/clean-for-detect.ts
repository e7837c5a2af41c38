// Strip what carries no language signal before detection: links, handles,
// hashtag marks, emoji, digits. Letters, combining marks and ZWNJ survive.

const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\b(?:t|telegram)\.me\/\S*|\b[\w.-]+\.(?:com|org|net|af|ir|info|io|me|ly|tv)(?:\/\S*)?/giu;
const MENTION_RE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
// Hashtag words are kept: Telegram channels write whole phrases as tags (#د_افغانستان_خبرونه).
const HASHTAG_RE = /#([\p{L}\p{M}\p{N}_]+)/gu;
const EMOJI_RE = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3\u200D]/gu;
const MAYBE_URL_RE = /[a-z]\.[a-z]|\/\//i;
const MAYBE_EMOJI_RE = /[\u00A9\u00AE\u203C-\u3299\uD83C-\uD83E\uFE0F\u200D\u20E3]/;
const SPACE_OR_DIGITS_RE = /[\s\p{Nd}]+/gu;

/** Text with links, @handles, '#', emoji and digits removed; whitespace collapsed. */
export function cleanForDetect(text: string): string {
  // Cheap pre-checks first: most posts have no links or emoji, and the full regexes are the costly part.
  let t = text;
  if (MAYBE_URL_RE.test(t)) t = t.replace(URL_RE, ' ');
  if (t.includes('@')) t = t.replace(MENTION_RE, '$1 ');
  if (t.includes('#')) t = t.replace(HASHTAG_RE, (_m, word: string) => ` ${word.replace(/_/g, ' ')} `);
  if (MAYBE_EMOJI_RE.test(t)) t = t.replace(EMOJI_RE, ' ');
  return t.replace(SPACE_OR_DIGITS_RE, ' ').trim();
}
