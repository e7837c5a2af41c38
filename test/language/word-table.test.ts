// The word table gives each distinct normalized word one id and one string; tokens carry the id of
// their key, including keys the tokenizer changes after the fact (possessive 's, Dari plurals
// written apart).
import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeReused } from '../../src/language/tokenize.js';
import { NO_WORD, internString, internUnits, wordKey } from '../../src/language/word-table.js';

describe('word table', () => {
  it.each([
    ['eng', 'apostates'],
    ['arb', 'المرتدين'],
    ['prs', 'مزدوران'],
    ['pus', 'خوارجو'],
  ])('%s: the same word gets the same id, and the id gives the word back (%s)', (_lang, word) => {
    const id = internString(word);
    expect(id).not.toBe(NO_WORD);
    expect(internString(word)).toBe(id);
    expect(wordKey(id)).toBe(word);
    const units = Uint16Array.from(`xx${word}yy`, (ch) => ch.charCodeAt(0));
    expect(internUnits(units, 2, 2 + word.length)).toBe(id);
  });

  it('different words, even one letter apart, get different ids', () => {
    const words = ['طالبان', 'طالبانو', 'طالبانی', 'taliban', 'talibans', 'خوارج', 'الخوارج', 'خارجی'];
    const ids = words.map(internString);
    expect(new Set(ids).size).toBe(words.length);
    expect(ids.map(wordKey)).toEqual(words);
  });

  it('every token carries the id of its final key', () => {
    const text = "Zawahiri's men. مقام های طالبان گفتند. الخوارج كلاب النار. د داعش خوارجو";
    const toks = tokenize(text);
    expect(toks.map((t) => t.key)).toEqual(['zawahiri', 'men', 'مقامهای', 'طالبان', 'گفتند', 'الخوارج', 'کلاب', 'النار', 'د', 'داعش', 'خوارجو']);
    for (const t of toks) expect(wordKey(t.id)).toBe(t.key);
    // the same word in two posts: one id, one string
    const again = tokenize('طالبان');
    expect(again[0]!.id).toBe(toks[3]!.id);
  });

  it('tokenizeReused gives what tokenize gives, post after post, longer and shorter', () => {
    const posts = [
      'The Taliban are puppets of the West and apostates; the khawarij of Daesh kill Muslims.',
      'طالبان',
      'د خوارجو ډله د پاکستان د استخباراتو په ملاتړ جوړه شوې ده.',
      '',
      'مقام های طالبان گفتند که داعش خوارج اند.',
      'الخوارج كلاب النار، قتلوا العلماء في المساجد.',
      '...',
      "Zawahiri's men.",
    ];
    for (const text of [...posts, ...posts.reverse()]) {
      const got = tokenizeReused(text).map((t) => ({ ...t }));
      expect(got, text).toEqual(tokenize(text));
    }
  });
});
