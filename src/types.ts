// Shared domain types. Every stage of the pipeline speaks these shapes.

export const TARGET_LANGS = ['prs', 'pus', 'arb', 'eng'] as const;
export type TargetLang = (typeof TARGET_LANGS)[number];
export type Lang = TargetLang | 'und';
export const ALL_LANGS: readonly Lang[] = [...TARGET_LANGS, 'und'];

export function isLang(value: string): value is Lang {
  return (ALL_LANGS as readonly string[]).includes(value);
}

/** Whose channel it is: the Taliban's (Al-Mirsaad, Al-Emarah) or ISKP's (and pro-IS outlets). */
export const SIDES = ['taliban', 'iskp'] as const;
export type Side = (typeof SIDES)[number];

export function isSide(value: string): value is Side {
  return (SIDES as readonly string[]).includes(value);
}

/** What the language detector returns for one text. */
export interface DetectResult {
  lang: Lang;
  /** franc's raw ISO 639-3 code ('und' when franc was not asked or could not tell). */
  guess: string;
  /** 0..1 */
  confidence: number;
  /** Which rule decided, e.g. "script:pashto-letters", "franc", "hint", "too-short". */
  reason: string;
}

/** One matched lexicon term inside a post. Offsets are UTF-16 indices into the ORIGINAL text. */
export interface FrameHit {
  frame: string;
  /** The lexicon pattern that matched, as written in the lexicon file. */
  term: string;
  /** The surface text that matched (originalText.slice(start, end)). */
  matched: string;
  start: number;
  end: number;
  weight: number;
  /** A negation cue governs this hit ("not", "لا", "نه" ...). */
  negated: boolean;
  /** A reporting/quotation cue governs this hit ("X said", "according to", quotes ...). */
  quoted: boolean;
  /** Set when a concept rule produced the hit: the rule's id ... */
  rule?: string;
  /** ... and the part (concept id) whose words this span is. */
  part?: string;
}

/** A frame assigned to a post, with the evidence behind it. */
export interface FrameTag {
  frame: string;
  score: number;
  hits: FrameHit[];
  /** True when every hit of this frame is negated. */
  negated: boolean;
  /** True when every hit of this frame is quoted/reported. */
  quoted: boolean;
}

export interface TagResult {
  frames: FrameTag[];
  /** Content hash of the lexicon set that produced the tags. */
  lexiconVersion: string;
  /** Set when the text was longer than the tagger reads: only text.slice(0, truncatedAt) was tagged. */
  truncatedAt?: number;
  /**
   * Only when asked (TagContext.near): frames the post almost got, by lexicon order. A frame not tagged
   * whose score was > 0 (below its threshold, or without its actor reference), or with an `all` rule
   * that did not fire although all its parts occurred (or all but one, for a rule of 3+ parts).
   * Review samples draw near misses from these.
   */
  near?: string[];
}

export interface FrameInfo {
  id: string;
  label: string;
  actor: string;
  group: string;
  definition: string;
}

/** The tagger behind a stable interface: pipeline, reclassify, eval and bot all use this. */
/** What the tagger may know about a post besides its text and language. */
export interface TagContext {
  /** The side of the post's channel; it stands in for a missing actor reference. */
  side?: Side | null;
  /** Also list the frames the post almost got (TagResult.near); costs a little, so off by default. */
  near?: boolean;
}

export interface FrameTagger {
  readonly version: string;
  frames(): FrameInfo[];
  tag(text: string, lang: Lang, ctx?: TagContext): TagResult;
}

/** Media kinds a post can carry. */
export type MediaKind =
  | 'photo'
  | 'video'
  | 'album'
  | 'document'
  | 'poll'
  | 'voice'
  | 'audio'
  | 'sticker'
  | 'round_video'
  | 'location'
  | 'link_preview'
  | 'other';

export interface LinkPreview {
  url: string | null;
  title: string | null;
  description: string | null;
  siteName?: string | null;
}

/**
 * A post as it arrives from any source (collector, Telegram export, JSONL import).
 * Raw fields only: language and frames are derived later and can be recomputed.
 */
export interface IncomingPost {
  /** Channel username, lower-cased, without '@'. */
  channel: string;
  messageId: number;
  /** ISO 8601 UTC, e.g. 2024-01-01T10:00:00.000Z */
  postedAt: string;
  text: string;
  views?: number | null;
  /** Channel/user name the post was forwarded from. */
  forwardedFrom?: string | null;
  /** t.me link of the original when known. */
  forwardedFromUrl?: string | null;
  replyTo?: number | null;
  edited?: boolean;
  mediaKinds?: MediaKind[];
  permalink?: string | null;
  signature?: string | null;
  links?: string[];
  linkPreview?: LinkPreview | null;
  isService?: boolean;
  /** Where it came from: 'collect' | 'import-jsonl' | 'import-telegram' | 'demo' ... */
  source?: string;
  /** The channel's side when the source knows it (import --side); else the channel's configured side. */
  side?: Side | null;
}
