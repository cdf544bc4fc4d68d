/**
 * Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the newest FEED_SIZE articles, for the
 * whole site and per category. `?before=<cursor>` pages back (JSON Feed links it as
 * next_url); it is the only parameter the edge cache passes through (src/cache/policy.ts).
 * Bytes depend only on the stored articles and configuration, never the clock, so a
 * re-render of unchanged content has the same ETag.
 */
import { newestChange, setLastModified } from "../lib/last-modified";
import { Hono, type Context } from "hono";
import { cacheTagHeader, CacheTags } from "../cache/tags";
import { encodeCursor, getCategory } from "../db/articles";
import { createDb } from "../db/client";
import { listFeedArticles } from "../db/feed-articles";
import type { CategoryRef } from "../db/types";
import type { AppEnv } from "../env";
import { absoluteUrl, appConfig, siteConfig } from "../lib/config";
import { renderAtom } from "../syndication/atom";
import { ATOM_CONTENT_TYPE, JSON_FEED_CONTENT_TYPE, RSS_CONTENT_TYPE } from "../syndication/content-types";
import { feedPath, type FeedFile, type FeedSpec } from "../syndication/feed-model";
import { renderJsonFeed } from "../syndication/json-feed";
import { renderRss } from "../syndication/rss";
import { categoryPath } from "../lib/paths";
import { cursorParam, fetchPage, nextCursor } from "./_shared/paging";
import { ROUTES } from "./public-routes";

export const feeds = new Hono<AppEnv>();

export const FEED_SIZE = 50;

type Format = { file: FeedFile; contentType: string; render: (spec: FeedSpec) => string; route: { path: string }; categoryRoute: { path: string } };

const FORMATS: readonly Format[] = [
  { file: "feed.xml", contentType: RSS_CONTENT_TYPE, render: renderRss, route: ROUTES.rss, categoryRoute: ROUTES.categoryRss },
  { file: "atom.xml", contentType: ATOM_CONTENT_TYPE, render: renderAtom, route: ROUTES.atom, categoryRoute: ROUTES.categoryAtom },
  { file: "feed.json", contentType: JSON_FEED_CONTENT_TYPE, render: renderJsonFeed, route: ROUTES.jsonFeed, categoryRoute: ROUTES.categoryJsonFeed },
];

/**
 * WebSub §4: the hub and the topic are advertised in Link headers as well as in the
 * document, so a subscriber need not parse the feed to find them (and JSON Feed readers
 * that ignore `hubs` still see them). rel=self is sent with or without a hub.
 */
export function websubLinks(selfUrl: string, hubUrl: string | null | undefined): string {
  const links = [`<${selfUrl}>; rel="self"`];
  if (hubUrl) links.unshift(`<${hubUrl}>; rel="hub"`);
  return links.join(", ");
}

async function serveFeed(c: Context<AppEnv>, format: Format, category?: CategoryRef): Promise<Response> {
  const site = siteConfig(c.env);
  const before = cursorParam(c);
  if (before === null) {
    c.header("Cache-Control", "no-store");
    return c.notFound();
  }
  const db = createDb(c.env.DB);
  const page = await fetchPage(FEED_SIZE, (limit) => listFeedArticles(db, { categorySlug: category?.slug, limit, before }));
  const items = page.items;
  const next = nextCursor(page);
  const selfPath = feedPath(format.file, category?.slug);
  // The self link names the page actually served, so a paged document is not mistaken for the head.
  const self = before ? `${selfPath}?before=${encodeURIComponent(encodeCursor(before))}` : selfPath;
  const spec: FeedSpec = {
    site,
    title: category ? `${category.name} - ${site.name}` : site.name,
    description: category ? `${site.name}：${category.name}最新文章` : `${site.name}：最新文章`,
    selfPath: self,
    htmlPath: category ? categoryPath(category.slug) : "/",
    hubUrl: appConfig(c.env).websubHub,
    nextPath: next ? `${selfPath}?before=${encodeURIComponent(next)}` : null,
    articles: items,
    category,
  };
  // A cursor page past the end (or naming no article) is a 404 that is never stored.
  if (before && items.length === 0) {
    c.header("Cache-Control", "no-store");
    return c.notFound();
  }
  const tags = cacheTagHeader(category ? [CacheTags.categoryFeed(category.slug), CacheTags.category(category.slug)] : [CacheTags.siteFeed]);
  setLastModified(c, newestChange(items));
  return c.body(format.render(spec), 200, { "Content-Type": format.contentType, "Cache-Tag": tags, Link: websubLinks(absoluteUrl(site, self), spec.hubUrl) });
}

for (const format of FORMATS) {
  feeds.get(format.route.path, (c) => serveFeed(c, format));
  feeds.get(format.categoryRoute.path, async (c) => {
    const slug = c.req.param("slug") ?? "";
    const category = await getCategory(createDb(c.env.DB), slug);
    if (category === null) {
      // Tagged with the category it misses, so creating the category purges this 404.
      c.header("Cache-Tag", cacheTagHeader([CacheTags.category(slug)]));
      return c.notFound();
    }
    return serveFeed(c, format, category);
  });
}
