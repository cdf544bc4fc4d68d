/**
 * `npm run sync -- <checkout>`: follows a Git-hosted Jekyll archive. The checkout is read
 * as `npm run import` reads a site, plus its archive folders (default `old_post`, read as
 * `_posts`). The first run imports every post; later runs only the files changed since
 * the commit recorded for the site (GET/PUT /api/v1/admin/sync-state):
 * - added, modified or renamed post files are imported (a move `_posts/x` → `old_post/x`
 *   is the same article: same path read, same info code, so `unchanged`);
 * - a deleted post file's article is unpublished (410), unless its info code is still in
 *   another file;
 * - when several files carry one info code, only the newest is sent: by front matter
 *   `updated` when one has it, else by the commit that last changed each file;
 * - a change to _config.yml, _includes/ or _data/ re-imports every post (they shape each one).
 * HEAD is recorded only when every post is stored (created, updated, unchanged, stale or
 * rejected with its reason) and every deletion answered; anything else leaves the old
 * commit, and the next run redoes the same diff (importing is idempotent), so a run
 * killed at any point converges.
 */
import path from "node:path";
import { chooseAdminTarget, UsageError, type AdminTarget } from "./admin-target";
import { changes, filesAt, hasCommit, headCommit, lastChanged, remoteUrl, uncommitted } from "./git-archive";
import { isJekyllSite, postReadPath, readSite, type Site, type SitePost } from "./jekyll-site";
import { printSummary, sendBatches, type Tally } from "./import-run";
import { progressLine } from "./progress";
import { prepareSite } from "./site-import";
import { identifyPost } from "../../src/ingest/parse-post";
import { PostParseError } from "../../src/ingest/types";

export const DEFAULT_ARCHIVE_DIRS = ["old_post"];
const STATE_ROUTE = "/api/v1/admin/sync-state";
// Files whose change can change every post's rendering.
const SITE_WIDE_RE = /^(?:_config\.ya?ml$|_includes\/|_data\/)/;
const CODE_IN_TEXT_RE = /[A-Z]{2}\d{18}/g;

export type SyncOptions = { dir: string; url?: string; token?: string; archiveDirs?: string[]; quiet?: boolean };
export type SyncResult = { tally: Tally; unpublished: number; recorded: boolean; commit: string };

type Identity = { infoCode: string; updatedAt: number | null; publishedAt: number };

/** The site's identity in the sync state: its URL, else its remote (without credentials), else its folder's name. */
export function siteId(site: Site, dir: string): string {
  if (site.context.url) return `${site.context.url}${site.context.baseurl ?? ""}`;
  const remote = remoteUrl(dir);
  return remote ? remote.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, "$1") : path.basename(path.resolve(dir));
}

async function readState(target: AdminTarget, site: string): Promise<string | null> {
  const res = await target.request("GET", `${STATE_ROUTE}?site=${encodeURIComponent(site)}`);
  if (res.status === 404) return null;
  const text = await res.text();
  if (!res.ok) throw new Error(`${target.label} answered ${res.status} to the sync state: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { commit: string }).commit;
}

async function recordState(target: AdminTarget, site: string, commit: string): Promise<void> {
  const res = await target.request("PUT", STATE_ROUTE, JSON.stringify({ site, commit }));
  if (!res.ok) throw new Error(`${target.label} answered ${res.status} when recording ${commit}: ${(await res.text()).slice(0, 300)}`);
}

/** Info codes of a site's posts, read once each. */
function identities(site: Site) {
  const known = new Map<SitePost, Identity | null>();
  const of = async (post: SitePost): Promise<Identity | null> => {
    if (known.has(post)) return known.get(post) ?? null;
    let id: Identity | null = null;
    try {
      id = await identifyPost(post.text, { path: post.path, site: site.context });
    } catch (err) {
      // The Worker reports why when the post is sent; it names no article here.
      if (!(err instanceof PostParseError)) throw err;
    }
    known.set(post, id);
    return id;
  };
  // Which posts may carry a code: its file name's, or one written in its text. identify confirms.
  let index: Map<string, SitePost[]> | null = null;
  const holders = async (code: string): Promise<SitePost[]> => {
    if (!index) {
      index = new Map();
      for (const post of site.posts) {
        const digits = /(\d{18})\.[^./]+$/.exec(post.file)?.[1];
        const candidates = new Set([...(digits ? [`NW${digits}`] : []), ...post.text.matchAll(CODE_IN_TEXT_RE)].map(String));
        for (const c of candidates) index.set(c, [...(index.get(c) ?? []), post]);
      }
    }
    const out: SitePost[] = [];
    for (const post of index.get(code) ?? []) if ((await of(post))?.infoCode === code) out.push(post);
    return out;
  };
  return { of, holders, known };
}

/** Of several files of one article, the one to send: newest `updated`, else last committed, else the live `_posts` copy. */
async function newestOf(dir: string, groups: SitePost[][], ids: ReturnType<typeof identities>): Promise<Map<SitePost, SitePost>> {
  const times = await lastChanged(dir, groups.flat().map((p) => p.file));
  const winner = new Map<SitePost, SitePost>();
  for (const group of groups) {
    const info = await Promise.all(group.map(async (p) => ({ p, id: await ids.of(p), time: times.get(p.file) ?? 0 })));
    const byUpdated = info.some((x) => x.id?.updatedAt != null);
    info.sort(
      (a, b) =>
        (byUpdated ? (b.id?.updatedAt ?? b.id?.publishedAt ?? 0) - (a.id?.updatedAt ?? a.id?.publishedAt ?? 0) : 0) ||
        b.time - a.time ||
        Number(b.p.file === b.p.path) - Number(a.p.file === a.p.path) ||
        a.p.file.localeCompare(b.p.file),
    );
    const best = info[0]?.p;
    if (best) for (const x of info) winner.set(x.p, best);
  }
  return winner;
}

type Plan = { send: SitePost[]; superseded: { post: SitePost; by: SitePost }[]; gone: string[]; full: boolean; note?: string };

async function plan(dir: string, site: Site, last: string | null, head: string, archiveDirs: string[], ids: ReturnType<typeof identities>): Promise<Plan> {
  let candidates: SitePost[];
  let gone: string[] = [];
  let full = true;
  let note: string | undefined;
  if (last !== null && !hasCommit(dir, last)) note = `the recorded commit ${last} is not in this checkout (history rewritten?): every post is imported; files deleted since then stay published`;
  if (last === null || note) {
    candidates = site.posts;
  } else {
    const changed = changes(dir, last, head);
    const byFile = new Map(site.posts.map((p) => [p.file, p]));
    const touched = new Set(changed.map((c) => byFile.get(c.path)).filter((p): p is SitePost => p !== undefined));
    gone = changed.flatMap((c) => (c.status === "D" ? [c.path] : c.status === "R" ? [c.from] : [])).filter((f) => postReadPath(f, { archiveDirs }) !== null);
    full = changed.some((c) => SITE_WIDE_RE.test(c.path) || (c.status === "R" && SITE_WIDE_RE.test(c.from)));
    if (full) note = "_config.yml, _includes/ or _data/ changed: every post is imported again";
    candidates = full ? site.posts : [...touched];
  }
  // Every file of each candidate's article joins it, so the newest copy is the one sent.
  const members = new Set(candidates);
  const codes = new Map<string, SitePost[]>();
  for (const post of candidates) {
    const id = await ids.of(post);
    if (id) codes.set(id.infoCode, []);
  }
  for (const code of codes.keys()) for (const holder of await ids.holders(code)) members.add(holder);
  for (const post of members) {
    const id = await ids.of(post);
    if (id) codes.get(id.infoCode)?.push(post);
  }
  const winners = await newestOf(dir, [...codes.values()].filter((g) => g.length > 1), ids);
  const send: SitePost[] = [];
  const superseded: Plan["superseded"] = [];
  for (const post of site.posts) {
    if (!members.has(post)) continue;
    const best = winners.get(post);
    if (best && best !== post) superseded.push({ post, by: best });
    else send.push(post);
  }
  return { send, superseded, gone, full, ...(note ? { note } : {}) };
}

/** Unpublishes the articles of deleted files whose code no file carries any more; false when one could not be. */
async function unpublish(target: AdminTarget, dir: string, site: Site, last: string, gone: string[], archiveDirs: string[], ids: ReturnType<typeof identities>) {
  const texts = filesAt(dir, last, gone);
  let unpublished = 0;
  let ok = true;
  for (const file of gone) {
    const readAs = postReadPath(file, { archiveDirs }) ?? file;
    const text = texts.get(file);
    let code: string | null = null;
    try {
      code = text ? (await identifyPost(text, { path: readAs, site: site.context })).infoCode : null;
    } catch (err) {
      if (!(err instanceof PostParseError)) throw err;
    }
    if (!code) {
      console.log(`gone       -  ${file}: no info code could be read from it; nothing unpublished`);
      continue;
    }
    const still = await ids.holders(code);
    if (still.length > 0) {
      console.log(`kept       ${code}  ${file}: still in ${still.map((p) => p.file).join(", ")}`);
      continue;
    }
    const res = await target.request("DELETE", `/api/v1/admin/articles/${code}`);
    if (res.ok) {
      unpublished += 1;
      console.log(`unpublished ${code}  ${file}`);
    } else if (res.status === 404) {
      console.log(`gone       ${code}  ${file}: never stored`);
    } else {
      ok = false;
      console.log(`failed     ${code}  ${file}: unpublishing answered ${res.status} (run again)`);
    }
  }
  return { unpublished, ok };
}

export async function runSync(options: SyncOptions): Promise<SyncResult> {
  const dir = path.resolve(options.dir);
  if (!isJekyllSite(dir)) throw new UsageError(`${options.dir}: not a Jekyll site (no _config.yml or _posts).`);
  let head: string;
  try {
    head = headCommit(dir);
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const archiveDirs = options.archiveDirs ?? DEFAULT_ARCHIVE_DIRS;
  const site = readSite(dir, { archiveDirs });
  const id = siteId(site, dir);
  const dirty = uncommitted(dir).filter((f) => postReadPath(f, { archiveDirs }) !== null);
  if (dirty.length > 0) console.error(`sync: note: ${dirty.length} post files have uncommitted changes; they are read as they are on disk.`);

  const target = await chooseAdminTarget(options.url, options.token);
  const started = performance.now();
  try {
    const last = await readState(target, id);
    const ids = identities(site);
    if (last === head) {
      console.log(`${id} is at ${head}: nothing to sync.`);
      const tally: Tally = { counts: { created: 0, updated: 0, unchanged: 0, stale: 0, rejected: 0, failed: 0 }, reasons: new Map() };
      return { tally, unpublished: 0, recorded: true, commit: head };
    }
    const work = await plan(dir, site, last, head, archiveDirs, ids);
    if (work.note) console.error(`sync: ${work.note}.`);
    for (const s of work.superseded) if (!options.quiet) console.log(`superseded ${s.post.file}: ${s.by.file} is the newer copy of this article`);

    const codes = new Map<SitePost, string>();
    for (const [post, idOf] of ids.known) if (idOf) codes.set(post, idOf.infoCode);
    const prepared = await prepareSite(site, { only: new Set(work.send), codes });
    const progress = progressLine(prepared.posts.length, `sync ${id}`);
    let tally: Tally;
    try {
      tally = await sendBatches(
        target,
        [{ site: prepared.context, files: prepared.posts.map((p) => ({ path: p.abs, text: p.text, sendPath: p.path, warnings: p.warnings })) }],
        { quiet: options.quiet, onProgress: progress.update, beforePrint: progress.clear },
      );
    } finally {
      progress.done();
    }
    const deleted = last !== null && work.gone.length > 0 ? await unpublish(target, dir, site, last, work.gone, archiveDirs, ids) : { unpublished: 0, ok: true };
    const recorded = tally.counts.failed === 0 && deleted.ok;
    if (recorded) await recordState(target, id, head);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    printSummary(tally, prepared.posts.length, target.label, seconds, 0, `, ${deleted.unpublished} unpublished`);
    console.log(recorded ? `${id} synced to ${head}` : `${id} stays at ${last ?? "no commit"}: run again to finish`);
    return { tally, unpublished: deleted.unpublished, recorded, commit: head };
  } finally {
    await target.close();
  }
}
