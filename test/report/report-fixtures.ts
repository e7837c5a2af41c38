// Report test data: the query fixtures plus posts that try to inject markup or fetch something.
import { POSTS } from '../query/posts.js';
import type { SeedPost } from '../query/seed.js';

export const HOSTILE: SeedPost[] = [
  {
    channel: 'azaim_t',
    id: 30,
    date: '2026-04-06T12:00:00Z',
    lang: 'arb',
    text: 'الخوارج <script>document.title="pwned"</script><img src="http://127.0.0.1:9/x.png" onerror="alert(1)"> & "قالوا"',
  },
  {
    channel: 'khurasan_t',
    id: 40,
    date: '2026-04-06T13:00:00Z',
    lang: 'eng',
    text: 'The puppets of <b>Kabul</b> — see <a href="https://example.invalid/">this</a> and <style>body{background:url(http://127.0.0.1:9/bg)}</style>',
  },
];

export const REPORT_POSTS: SeedPost[] = [...Object.values(POSTS), ...HOSTILE];
