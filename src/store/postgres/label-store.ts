// Review samples and labels on PostgreSQL (migration postgres/002): the LabelPort, with the same
// meaning as the SQLite adapter's (src/store/sqlite/label-store.ts).
import { UserError } from '../../errors.js';
import type {
  LabelHistoryRecord,
  LabelQuery,
  LabelRecord,
  LabelWriteResult,
  NewSample,
  PostKey,
  PostScope,
  ReviewStratum,
  SampleItem,
  SampleRecord,
  ScopePost,
} from '../store.js';
import { one, rows, transaction, type Pool, type Queryable } from './connection.js';

const POST_ID = 'SELECT p.id FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.username = $1 AND p.message_id = $2';

async function findPostId(q: Queryable, key: PostKey): Promise<number | null> {
  const r = await one<{ id: number }>(q, POST_ID, [key.channel.toLowerCase(), key.messageId]);
  return r?.id ?? null;
}

async function postId(q: Queryable, key: PostKey): Promise<number> {
  const id = await findPostId(q, key);
  if (id === null) throw new UserError(`no post @${key.channel}/${key.messageId} in the database`);
  return id;
}

export async function scopePosts(pool: Pool, scope: PostScope, afterKey: number, limit: number): Promise<ScopePost[]> {
  const params: unknown[] = [afterKey];
  const where = ['p.id > $1'];
  const add = (sql: (n: number) => string, v: unknown) => {
    params.push(v);
    where.push(sql(params.length));
  };
  if (scope.since) add((n) => `p.posted_at >= $${n}`, scope.since);
  if (scope.until) add((n) => `p.posted_at < $${n}`, scope.until);
  if (scope.channels?.length) add((n) => `c.username = ANY($${n})`, scope.channels.map((c) => c.toLowerCase()));
  if (scope.langs?.length) add((n) => `p.lang = ANY($${n})`, [...scope.langs]);
  params.push(limit);
  return rows<ScopePost>(
    pool,
    `SELECT p.id AS key, c.username AS channel, p.message_id AS "messageId", p.posted_at AS "postedAt", p.lang, p.side, p.text, p.permalink
       FROM posts p JOIN channels c ON c.id = p.channel_id
      WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT $${params.length}`,
    params,
  );
}

type SampleRow = { id: number; frame: string; seed: number; scope: string; size: number; lexicon_version: string; created_at: string; items: number };

export async function createSample(pool: Pool, s: NewSample): Promise<number> {
  return transaction(pool, async (c) => {
    const r = await one<{ id: number }>(
      c,
      'INSERT INTO review_samples(frame, seed, scope, size, lexicon_version, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id',
      [s.frame, s.seed, JSON.stringify(s.scope), s.size, s.lexiconVersion, s.createdAt],
    );
    const id = r!.id;
    for (let i = 0; i < s.items.length; i++) {
      const it = s.items[i]!;
      await c.query('INSERT INTO review_items(sample_id, position, post_id, stratum, stratum_size, weight) VALUES ($1, $2, $3, $4, $5, $6)', [
        id,
        i + 1,
        await postId(c, it.post),
        it.stratum,
        it.stratumSize,
        it.weight,
      ]);
    }
    return id;
  });
}

export async function samples(pool: Pool, frame?: string): Promise<SampleRecord[]> {
  const list = await rows<SampleRow>(
    pool,
    `SELECT s.*, (SELECT count(*) FROM review_items i WHERE i.sample_id = s.id) AS items FROM review_samples s
      ${frame === undefined ? '' : 'WHERE s.frame = $1'} ORDER BY s.id DESC`,
    frame === undefined ? [] : [frame],
  );
  return list.map((r) => ({
    id: r.id,
    frame: r.frame,
    seed: r.seed,
    scope: JSON.parse(r.scope) as PostScope,
    size: r.size,
    lexiconVersion: r.lexicon_version,
    createdAt: r.created_at,
    items: r.items,
  }));
}

export async function sampleItems(pool: Pool, sampleId: number): Promise<SampleItem[]> {
  const list = await rows<{ sample_id: number; position: number; channel: string; message_id: number; stratum: ReviewStratum; stratum_size: number; weight: number }>(
    pool,
    `SELECT i.sample_id, i.position, c.username AS channel, p.message_id, i.stratum, i.stratum_size, i.weight
       FROM review_items i JOIN posts p ON p.id = i.post_id JOIN channels c ON c.id = p.channel_id
      WHERE i.sample_id = $1 ORDER BY i.position`,
    [sampleId],
  );
  return list.map((r) => ({
    sampleId: r.sample_id,
    position: r.position,
    post: { channel: r.channel, messageId: r.message_id },
    stratum: r.stratum,
    stratumSize: r.stratum_size,
    weight: r.weight,
  }));
}

const COLS = 'post_id, frame, labeller, label, labelled_at, lexicon_version, sample_id, stratum, stratum_size, weight';
const PLACES = '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10';

const labelValues = (id: number, l: LabelRecord): unknown[] => [
  id,
  l.frame,
  l.labeller,
  l.label,
  l.labelledAt,
  l.lexiconVersion,
  l.sampleId,
  l.stratum,
  l.stratumSize,
  l.weight,
];

export async function putLabels(pool: Pool, labels: readonly LabelRecord[], archivedAt: string): Promise<LabelWriteResult> {
  return transaction(pool, async (c) => {
    const res: LabelWriteResult = { added: 0, replaced: 0, unchanged: 0, older: 0 };
    for (const l of labels) {
      const id = await postId(c, l.post);
      const key = [id, l.frame, l.labeller];
      const cur = await one<{ label: boolean; labelled_at: string }>(
        c,
        'SELECT label, labelled_at FROM labels WHERE post_id = $1 AND frame = $2 AND labeller = $3 FOR UPDATE',
        key,
      );
      if (cur && cur.label === l.label) {
        res.unchanged++;
      } else if (cur && l.labelledAt < cur.labelled_at) {
        // Already in the history (a re-import): nothing changed.
        const r = await c.query(
          `INSERT INTO label_history(${COLS}, reason, archived_at) VALUES (${PLACES}, 'older', $11) ON CONFLICT DO NOTHING`,
          [...labelValues(id, l), archivedAt],
        );
        if ((r.rowCount ?? 0) > 0) res.older++;
        else res.unchanged++;
      } else {
        if (cur) {
          await c.query(
            `INSERT INTO label_history(${COLS}, reason, archived_at)
             SELECT ${COLS}, 'replaced', $4 FROM labels WHERE post_id = $1 AND frame = $2 AND labeller = $3 ON CONFLICT DO NOTHING`,
            [...key, archivedAt],
          );
        }
        await c.query(
          `INSERT INTO labels(${COLS}) VALUES (${PLACES})
           ON CONFLICT (post_id, frame, labeller) DO UPDATE SET label = EXCLUDED.label, labelled_at = EXCLUDED.labelled_at,
             lexicon_version = EXCLUDED.lexicon_version, sample_id = EXCLUDED.sample_id, stratum = EXCLUDED.stratum,
             stratum_size = EXCLUDED.stratum_size, weight = EXCLUDED.weight`,
          labelValues(id, l),
        );
        if (cur) res.replaced++;
        else res.added++;
      }
    }
    return res;
  });
}

export async function removeLabel(pool: Pool, post: PostKey, frame: string, labeller: string, at: string): Promise<boolean> {
  return transaction(pool, async (c) => {
    const id = await findPostId(c, post);
    if (id === null) return false;
    await c.query(
      `INSERT INTO label_history(${COLS}, reason, archived_at)
       SELECT ${COLS}, 'undone', $4 FROM labels WHERE post_id = $1 AND frame = $2 AND labeller = $3 ON CONFLICT DO NOTHING`,
      [id, frame, labeller, at],
    );
    const r = await c.query('DELETE FROM labels WHERE post_id = $1 AND frame = $2 AND labeller = $3', [id, frame, labeller]);
    return (r.rowCount ?? 0) > 0;
  });
}

type LabelRow = {
  channel: string;
  message_id: number;
  frame: string;
  labeller: string;
  label: boolean;
  labelled_at: string;
  lexicon_version: string;
  sample_id: number | null;
  stratum: ReviewStratum | null;
  stratum_size: number | null;
  weight: number | null;
};

const toLabel = (r: LabelRow): LabelRecord => ({
  post: { channel: r.channel, messageId: r.message_id },
  frame: r.frame,
  label: r.label,
  labeller: r.labeller,
  labelledAt: r.labelled_at,
  lexiconVersion: r.lexicon_version,
  sampleId: r.sample_id,
  stratum: r.stratum,
  stratumSize: r.stratum_size,
  weight: r.weight,
});

function labelFilter(q: LabelQuery): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [col, v] of [
    ['l.frame', q.frame],
    ['l.labeller', q.labeller],
    ['l.sample_id', q.sampleId],
  ] as const) {
    if (v === undefined) continue;
    params.push(v);
    where.push(`${col} = $${params.length}`);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export async function labels(pool: Pool, q: LabelQuery = {}): Promise<LabelRecord[]> {
  const f = labelFilter(q);
  const list = await rows<LabelRow>(
    pool,
    `SELECT c.username AS channel, p.message_id, l.* FROM labels l JOIN posts p ON p.id = l.post_id JOIN channels c ON c.id = p.channel_id
      ${f.where} ORDER BY l.labelled_at, c.username, p.message_id, l.frame, l.labeller`,
    f.params,
  );
  return list.map(toLabel);
}

export async function labelHistory(pool: Pool, q: LabelQuery = {}): Promise<LabelHistoryRecord[]> {
  const f = labelFilter(q);
  const list = await rows<LabelRow & { reason: LabelHistoryRecord['reason']; archived_at: string }>(
    pool,
    `SELECT c.username AS channel, p.message_id, l.* FROM label_history l JOIN posts p ON p.id = l.post_id JOIN channels c ON c.id = p.channel_id
      ${f.where} ORDER BY l.archived_at, c.username, p.message_id, l.frame, l.labeller, l.labelled_at`,
    f.params,
  );
  return list.map((r) => ({ ...toLabel(r), reason: r.reason, archivedAt: r.archived_at }));
}
