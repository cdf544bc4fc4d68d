/**
 * Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest FEED_SIZE articles, for the
 * whole site and per category. `?before=<cursor>` pages back (JSON Feed links it as
 * next_url); it is the only parameter the edge cache passes through (src/cache/policy.ts).
 * Bytes depend only on the stored articles and configuration, never the clock, so a
 * re-render of unchanged content has the same ETag.
 */
import { Hono, type Context } from "hono";
import { decodeCursor, encodeCursor, getCategory, type ListCursor } from "../db/articles";
import { createDb } from "../db/client";
import { listFeedArticles } from "../db/feed-articles";
import type { CategoryRef } from "../db/types";
import type { AppEnv } from "../env";
import { siteConfig } from "../lib/config";
import { renderAtom } from "../syndication/atom";
import { ATOM_CONTENT_TYPE, JSON_FEED_CONTENT_TYPE, RSS_CONTENT_TYPE } from "../syndication/content-types";
import { feedPath, type FeedFile, type FeedSpec } from "../syndication/feed-model";
import { renderJsonFeed } from "../syndication/json-feed";
import { renderRss } from "../syndication/rss";
import { categoryPath } from "../views/paths";

export const feeds = new Hono<AppEnv>();

export const FEED_SIZE = 50;

type Format = { file: FeedFile; contentType: string; render: (spec: FeedSpec) => string };

const FORMATS: readonly Format[] = [
  { file: "feed.xml", contentType: RSS_CONTENT_TYPE, render: renderRss },
  { file: "atom.xml", contentType: ATOM_CONTENT_TYPE, render: renderAtom },
  { file: "feed.json", contentType: JSON_FEED_CONTENT_TYPE, render: renderJsonFeed },
];

/** undefined: first page; null: a cursor that does not parse (answered 404, never page one). */
function cursorParam(c: Context<AppEnv>): ListCursor | undefined | null {
  const raw = c.req.query("before");
  if (raw === undefined) return undefined;
  return decodeCursor(raw) ?? null;
}

async function serveFeed(c: Context<AppEnv>, format: Format, category?: CategoryRef): Promise<Response> {
  const site = siteConfig(c.env);
  const before = cursorParam(c);
  if (before === null) return c.notFound();
  const db = createDb(c.env.DB);
  // One row more than shown tells whether an older page exists without a COUNT query.
  const rows = await listFeedArticles(db, { categorySlug: category?.slug, limit: FEED_SIZE + 1, before });
  const items = rows.slice(0, FEED_SIZE);
  const last = items.at(-1);
  const selfPath = feedPath(format.file, category?.slug);
  // The self link names the page actually served, so a paged document is not mistaken for the head.
  const self = before ? `${selfPath}?before=${encodeURIComponent(encodeCursor(before))}` : selfPath;
  const spec: FeedSpec = {
    site,
    title: category ? `${category.name} - ${site.name}` : site.name,
    description: category ? `${site.name}：${category.name}最新文章` : `${site.name}：最新文章`,
    selfPath: self,
    htmlPath: category ? categoryPath(category.slug) : "/",
    hubUrl: c.env.WEBSUB_HUB || null,
    nextPath: rows.length > FEED_SIZE && last ? `${selfPath}?before=${encodeURIComponent(encodeCursor(last))}` : null,
    articles: items,
    category,
  };
  const tags = category ? `feed:category:${category.slug},category:${category.slug}` : "feed:site";
  return c.body(format.render(spec), 200, { "Content-Type": format.contentType, "Cache-Tag": tags });
}

for (const format of FORMATS) {
  feeds.get(feedPath(format.file), (c) => serveFeed(c, format));
  feeds.get(`/category/:slug/${format.file}`, async (c) => {
    const category = await getCategory(createDb(c.env.DB), c.req.param("slug"));
    if (category === null) return c.notFound();
    return serveFeed(c, format, category);
  });
}
