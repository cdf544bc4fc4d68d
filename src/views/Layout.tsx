/**
 * The one page shell. Everything absolute (canonical, feed links) is built from
 * SiteConfig, which comes from configuration only, so a page's bytes never depend on the
 * request's Host or headers and one cached copy is right for every reader.
 * No JavaScript: pages must read fine without it (SPEC section 2).
 */
import type { Child } from "hono/jsx";
import { html } from "hono/html";
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { feedPath } from "../lib/paths";
import { BRAND_RED as THEME_COLOR } from "../assets/images";
import { styles } from "./styles";

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
          <style dangerouslySetInnerHTML={{ __html: styles }} />
        </head>
        <body>
          <header class="site-header">
            <div class="wrap">
              <a href="/">{site.name}</a>
            </div>
          </header>
          <main class="wrap">{props.children}</main>
          <footer class="site-footer">
            <div class="wrap">
              <a href="/">{site.name}</a> · 订阅：<a href={feeds.rss}>RSS</a> · <a href={feeds.atom}>Atom</a> ·{" "}
              <a href={feeds.json}>JSON Feed</a>
            </div>
          </footer>
        </body>
      </html>
    </>
  );
}
