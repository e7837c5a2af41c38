// Review samples and labels (migration 007): the LabelPort of the SQLite adapter.
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
import type { Db } from './open-database.js';
import { permalinkSql } from './post-columns.js';

const POST_ID = 'SELECT p.id FROM posts p JOIN channels c ON c.id = p.channel_id WHERE c.username = ? AND p.message_id = ?';

function postId(db: Db, key: PostKey): number {
  const row = db.prepare(POST_ID).get(key.channel.toLowerCase(), key.messageId) as { id: number } | undefined;
  if (!row) throw new UserError(`no post @${key.channel}/${key.messageId} in the database`);
  return row.id;
}

export function scopePosts(db: Db, scope: PostScope, afterKey: number, limit: number): ScopePost[] {
  const where = ['p.id > ?'];
  const params: unknown[] = [afterKey];
  if (scope.since) {
    where.push('p.posted_at >= ?');
    params.push(scope.since);
  }
  if (scope.until) {
    where.push('p.posted_at < ?');
    params.push(scope.until);
  }
  if (scope.channels?.length) {
    where.push(`c.username IN (${scope.channels.map(() => '?').join(', ')})`);
    params.push(...scope.channels.map((c) => c.toLowerCase()));
  }
  if (scope.langs?.length) {
    where.push(`p.lang IN (${scope.langs.map(() => '?').join(', ')})`);
    params.push(...scope.langs);
  }
  return db
    .prepare(
      `SELECT p.id AS key, c.username AS channel, p.message_id AS messageId, p.posted_at AS postedAt, p.lang, p.side, p.text, ${permalinkSql()} AS permalink
         FROM posts p JOIN channels c ON c.id = p.channel_id
        WHERE ${where.join(' AND ')} ORDER BY p.id LIMIT ?`,
    )
    .all(...params, limit) as ScopePost[];
}

type SampleRow = { id: number; frame: string; seed: number; scope: string; size: number; lexicon_version: string; created_at: string; items: number };

const toSample = (r: SampleRow): SampleRecord => ({
  id: r.id,
  frame: r.frame,
  seed: r.seed,
  scope: JSON.parse(r.scope) as PostScope,
  size: r.size,
  lexiconVersion: r.lexicon_version,
  createdAt: r.created_at,
  items: r.items,
});

export function createSample(db: Db, s: NewSample): number {
  return db.transaction(() => {
    const id = Number(
      db
        .prepare('INSERT INTO review_samples(frame, seed, scope, size, lexicon_version, created_at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(s.frame, s.seed, JSON.stringify(s.scope), s.size, s.lexiconVersion, s.createdAt).lastInsertRowid,
    );
    const insert = db.prepare('INSERT INTO review_items(sample_id, position, post_id, stratum, stratum_size, weight) VALUES (?, ?, ?, ?, ?, ?)');
    s.items.forEach((it, i) => insert.run(id, i + 1, postId(db, it.post), it.stratum, it.stratumSize, it.weight));
    return id;
  })();
}

export function samples(db: Db, frame?: string): SampleRecord[] {
  const rows = db
    .prepare(
      `SELECT s.*, (SELECT count(*) FROM review_items i WHERE i.sample_id = s.id) AS items FROM review_samples s
        ${frame === undefined ? '' : 'WHERE s.frame = ?'} ORDER BY s.id DESC`,
    )
    .all(...(frame === undefined ? [] : [frame])) as SampleRow[];
  return rows.map(toSample);
}

export function sampleItems(db: Db, sampleId: number): SampleItem[] {
  const rows = db
    .prepare(
      `SELECT i.sample_id, i.position, c.username AS channel, p.message_id, i.stratum, i.stratum_size, i.weight
         FROM review_items i JOIN posts p ON p.id = i.post_id JOIN channels c ON c.id = p.channel_id
        WHERE i.sample_id = ? ORDER BY i.position`,
    )
    .all(sampleId) as { sample_id: number; position: number; channel: string; message_id: number; stratum: ReviewStratum; stratum_size: number; weight: number }[];
  return rows.map((r) => ({
    sampleId: r.sample_id,
    position: r.position,
    post: { channel: r.channel, messageId: r.message_id },
    stratum: r.stratum,
    stratumSize: r.stratum_size,
    weight: r.weight,
  }));
}

const LABEL_COLUMNS = 'post_id, frame, labeller, label, labelled_at, lexicon_version, sample_id, stratum, stratum_size, weight';

type LabelRow = {
  channel: string;
  message_id: number;
  frame: string;
  labeller: string;
  label: number;
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
  label: r.label === 1,
  labeller: r.labeller,
  labelledAt: r.labelled_at,
  lexiconVersion: r.lexicon_version,
  sampleId: r.sample_id,
  stratum: r.stratum,
  stratumSize: r.stratum_size,
  weight: r.weight,
});

const labelValues = (id: number, l: LabelRecord): unknown[] => [
  id,
  l.frame,
  l.labeller,
  l.label ? 1 : 0,
  l.labelledAt,
  l.lexiconVersion,
  l.sampleId,
  l.stratum,
  l.stratumSize,
  l.weight,
];

export function putLabels(db: Db, labels: readonly LabelRecord[], archivedAt: string): LabelWriteResult {
  const res: LabelWriteResult = { added: 0, replaced: 0, unchanged: 0, older: 0 };
  const current = db.prepare('SELECT label, labelled_at FROM labels WHERE post_id = ? AND frame = ? AND labeller = ?');
  const archive = db.prepare(
    `INSERT OR IGNORE INTO label_history(${LABEL_COLUMNS}, reason, archived_at)
     SELECT ${LABEL_COLUMNS}, ?, ? FROM labels WHERE post_id = ? AND frame = ? AND labeller = ?`,
  );
  const archiveNew = db.prepare(`INSERT OR IGNORE INTO label_history(${LABEL_COLUMNS}, reason, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'older', ?)`);
  const upsert = db.prepare(`INSERT OR REPLACE INTO labels(${LABEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  db.transaction(() => {
    for (const l of labels) {
      const id = postId(db, l.post);
      const cur = current.get(id, l.frame, l.labeller) as { label: number; labelled_at: string } | undefined;
      if (!cur) {
        upsert.run(...labelValues(id, l));
        res.added++;
      } else if ((cur.label === 1) === l.label) {
        res.unchanged++;
      } else if (l.labelledAt < cur.labelled_at) {
        // Already in the history (a re-import): nothing changed.
        if (archiveNew.run(...labelValues(id, l), archivedAt).changes > 0) res.older++;
        else res.unchanged++;
      } else {
        archive.run('replaced', archivedAt, id, l.frame, l.labeller);
        upsert.run(...labelValues(id, l));
        res.replaced++;
      }
    }
  })();
  return res;
}

export function removeLabel(db: Db, key: PostKey, frame: string, labeller: string, at: string): boolean {
  return db.transaction(() => {
    const row = db.prepare(POST_ID).get(key.channel.toLowerCase(), key.messageId) as { id: number } | undefined;
    if (!row) return false;
    db.prepare(
      `INSERT OR IGNORE INTO label_history(${LABEL_COLUMNS}, reason, archived_at)
       SELECT ${LABEL_COLUMNS}, 'undone', ? FROM labels WHERE post_id = ? AND frame = ? AND labeller = ?`,
    ).run(at, row.id, frame, labeller);
    return db.prepare('DELETE FROM labels WHERE post_id = ? AND frame = ? AND labeller = ?').run(row.id, frame, labeller).changes > 0;
  })();
}

function labelFilter(q: LabelQuery): { where: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.frame !== undefined) {
    where.push('l.frame = ?');
    params.push(q.frame);
  }
  if (q.labeller !== undefined) {
    where.push('l.labeller = ?');
    params.push(q.labeller);
  }
  if (q.sampleId !== undefined) {
    where.push('l.sample_id = ?');
    params.push(q.sampleId);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

export function labels(db: Db, q: LabelQuery = {}): LabelRecord[] {
  const f = labelFilter(q);
  const rows = db
    .prepare(
      `SELECT c.username AS channel, p.message_id, l.* FROM labels l JOIN posts p ON p.id = l.post_id JOIN channels c ON c.id = p.channel_id
        ${f.where} ORDER BY l.labelled_at, c.username, p.message_id, l.frame, l.labeller`,
    )
    .all(...f.params) as LabelRow[];
  return rows.map(toLabel);
}

export function labelHistory(db: Db, q: LabelQuery = {}): LabelHistoryRecord[] {
  const f = labelFilter(q);
  const rows = db
    .prepare(
      `SELECT c.username AS channel, p.message_id, l.* FROM label_history l JOIN posts p ON p.id = l.post_id JOIN channels c ON c.id = p.channel_id
        ${f.where} ORDER BY l.archived_at, c.username, p.message_id, l.frame, l.labeller, l.labelled_at`,
    )
    .all(...f.params) as (LabelRow & { reason: LabelHistoryRecord['reason']; archived_at: string })[];
  return rows.map((r) => ({ ...toLabel(r), reason: r.reason, archivedAt: r.archived_at }));
}
