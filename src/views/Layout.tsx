/**
 * The one page shell. Everything absolute (canonical, feed links) is built from
 * SiteConfig, which comes from configuration only, so a page's bytes never depend on the
 * request's Host or headers and one cached copy is right for every reader.
 * No JavaScript: pages must read fine without it (SPEC section 2).
 */
import type { Child } from "hono/jsx";
import { html } from "hono/html";
import type { CategoryRef } from "../db/types";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { categoryPath, feedPath, homePath, searchPath } from "../lib/paths";
import { BRAND_RED as THEME_COLOR } from "../assets/images";
import { stylesFor, type StylePart } from "./styles";

/** Feed discovery links; category pages pass their own feeds. */
export type FeedLinks = {
  title: string;
  rss: string;
  atom: string;
  json: string;
};

export function siteFeeds(site: SiteConfig): FeedLinks {
  return {
    title: site.name,
    rss: absoluteUrl(site, feedPath("feed.xml")),
    atom: absoluteUrl(site, "/atom.xml"),
    json: absoluteUrl(site, "/feed.json"),
  };
}

export type LayoutProps = {
  site: SiteConfig;
  /** The full document title, already including the site name where wanted. */
  title: string;
  description: string;
  /** Absolute; omitted on error pages, which must not claim a canonical URL. */
  canonical?: string;
  /** Extra head elements: Open Graph, JSON-LD, robots. */
  head?: Child;
  feeds?: FeedLinks;
  /** The channels in the header: every category (src/db/nav.ts); omitted where no query runs. */
  nav?: readonly CategoryRef[];
  /** Which header entry is this page: "home", "search", a category slug, or "in:" + slug for an article in it. */
  current?: string;
  /** Which parts of the stylesheet the page's content uses (src/views/styles.ts); lists by default. */
  styles?: readonly StylePart[];
  /** The page's language when it is not the site's (an English article). */
  lang?: string;
  children?: Child;
};

/** The site icon set (src/routes/site-assets.ts), in every page's head. */
function SiteIcons() {
  return (
    <>
      <link rel="icon" href="/favicon.ico" sizes="32x32" />
      <link rel="icon" href="/icon.svg" type="image/svg+xml" />
      <link rel="apple-touch-icon" href="/apple-touch-icon.png" />
      <link rel="manifest" href="/site.webmanifest" />
      <meta name="theme-color" content={THEME_COLOR} />
    </>
  );
}

/** "page" on the link to this very page; "true" on the channel an article belongs to. */
function here(current: string | undefined, entry: string): "page" | "true" | undefined {
  if (current === entry) return "page";
  return current === `in:${entry}` ? "true" : undefined;
}

/** Site name and search on one row, the channels on a second that scrolls sideways on a phone. */
function SiteHeader(props: { site: SiteConfig; nav?: readonly CategoryRef[]; current?: string }) {
  const { site, nav, current } = props;
  return (
    <header>
      <div class="wrap bar">
        <a href={homePath()}>
          {site.name}
        </a>
        <a href={searchPath()} aria-current={here(current, "search")}>
          搜索
        </a>
      </div>
      {nav && nav.length > 0 ? (
        <nav class="channels wrap" aria-label="栏目">
          <a href={homePath()} aria-current={here(current, "home")}>
            首页
          </a>
          {nav.map((category) => (
            <a href={categoryPath(category.slug)} aria-current={here(current, category.slug)}>
              {category.name}
            </a>
          ))}
        </nav>
      ) : null}
    </header>
  );
}

function SiteFooter(props: { site: SiteConfig; feeds: FeedLinks }) {
  const { site, feeds } = props;
  const copyright = site.copyright ?? `© ${site.name}`;
  return (
    <footer>
      <div class="wrap">
        {site.aboutUrl || site.contactUrl ? (
          <p>
            {site.aboutUrl ? <a href={site.aboutUrl}>关于我们</a> : null}
            {site.contactUrl ? <a href={site.contactUrl}>联系我们</a> : null}
          </p>
        ) : null}
        <p>
          订阅：<a href={feeds.rss}>RSS</a>
          <a href={feeds.atom}>Atom</a>
          <a href={feeds.json}>JSON Feed</a>
        </p>
        <p>{site.copyrightUrl ? <a href={site.copyrightUrl}>{copyright}</a> : copyright}</p>
      </div>
    </footer>
  );
}

export function Layout(props: LayoutProps) {
  const { site } = props;
  const feeds = props.feeds ?? siteFeeds(site);
  return (
    <>
      {html`<!doctype html>`}
      <html lang={props.lang ?? site.lang}>
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <title>{props.title}</title>
          <meta name="description" content={props.description} />
          {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
          <link rel="alternate" type="application/rss+xml" title={`${feeds.title} RSS`} href={feeds.rss} />
          <link rel="alternate" type="application/atom+xml" title={`${feeds.title} Atom`} href={feeds.atom} />
          <link rel="alternate" type="application/feed+json" title={`${feeds.title} JSON Feed`} href={feeds.json} />
          <SiteIcons />
          {props.head}
          {/* A compile-time constant, not data: set verbatim because escaping would turn the
              quotes and `>` combinators in the CSS into entities that <style> does not decode. */}
          <style dangerouslySetInnerHTML={{ __html: stylesFor(props.styles ?? ["list"]) }} />
        </head>
        <body>
          <SiteHeader site={site} nav={props.nav} current={props.current} />
          <main class="wrap">{props.children}</main>
          <SiteFooter site={site} feeds={feeds} />
        </body>
      </html>
    </>
  );
}
