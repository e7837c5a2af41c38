// Strip what carries no language signal before detection: links, handles,
// hashtag marks, emoji, digits. Letters, combining marks and ZWNJ survive.

const URL_RE = /\b(?:https?:\/\/|www\.)\S+|\b(?:t|telegram)\.me\/\S*|\b[\w.-]+\.(?:com|org|net|af|ir|info|io|me|ly|tv)(?:\/\S*)?/giu;
const MENTION_RE = /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
// Hashtag words are kept: Telegram channels write whole phrases as tags (#د_افغانستان_خبرونه).
const HASHTAG_RE = /#([\p{L}\p{M}\p{N}_]+)/gu;
const EMOJI_RE = /[\p{Extended_Pictographic}\p{Emoji_Presentation}\u{1F1E6}-\u{1F1FF}\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3\u200D]/gu;
const DIGITS_RE = /\p{Nd}+/gu;

/** Text with links, @handles, '#', emoji and digits removed; whitespace collapsed. */
export function cleanForDetect(text: string): string {
  return text
    .replace(URL_RE, ' ')
    .replace(MENTION_RE, '$1 ')
    .replace(HASHTAG_RE, (_m, word: string) => ` ${word.replace(/_/g, ' ')} `)
    .replace(EMOJI_RE, ' ')
    .replace(DIGITS_RE, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}
