// Query evidence: rule parts keep their rule and part, and a post longer than the tagging cap says so.
import { describe, expect, it } from 'vitest';
import { MAX_TAG_CHARS } from '../../src/frames/tag.js';
import { postToJson, renderPosts } from '../../src/report/render-posts.js';
import type { QueryRow } from '../../src/store/store.js';

const row = (text: string): QueryRow =>
  ({
    channel: 'some_channel',
    id: 7,
    date: '2025-03-01T10:00:00.000Z',
    lang: 'prs',
    langGuess: 'und',
    text,
    views: null,
    edited: false,
    forwardedFrom: null,
    replyTo: null,
    mediaKinds: [],
    url: null,
    frames: ['puppet_foreign_agent'],
    scores: { puppet_foreign_agent: 1 },
    score: 1,
    hits: [
      { frame: 'puppet_foreign_agent', term: 'خادم', matched: 'خادمان', start: 13, end: 19, weight: 1, negated: false, quoted: false, rule: 'subordinate_to_power', part: 'subordination' },
      { frame: 'puppet_foreign_agent', term: 'واشنگتن', matched: 'واشنگتن', start: 27, end: 34, weight: 1, negated: false, quoted: false, rule: 'subordinate_to_power', part: 'foreign_power' },
    ],
  }) as unknown as QueryRow;

describe('query evidence', () => {
  it('JSON keeps the rule and the part of rule hits', () => {
    const j = postToJson(row('طالبان امروز خادمان وفادار واشنگتن هستند')) as { hits: { rule?: string; part?: string }[] };
    expect(j.hits.map((h) => [h.rule, h.part])).toEqual([
      ['subordinate_to_power', 'subordination'],
      ['subordinate_to_power', 'foreign_power'],
    ]);
  });

  it('the table names the rule, and notes a post longer than the tagging cap', () => {
    expect(renderPosts([row('طالبان امروز خادمان وفادار واشنگتن هستند')], 'table')).toContain('[rule subordinate_to_power: subordination]');
    const long = row('طالبان '.repeat(MAX_TAG_CHARS));
    expect(renderPosts([long], 'table')).toMatch(/only the first 65,536 of [\d,]+ characters were tagged/);
    expect(postToJson(long).taggedChars).toBe(MAX_TAG_CHARS);
    expect(postToJson(row('short')).taggedChars).toBeUndefined();
  });
});
