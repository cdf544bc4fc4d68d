/** Content-Type headers for what src/syndication renders; routes use these, never literals. */
export const RSS_CONTENT_TYPE = "application/rss+xml; charset=utf-8";
export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";
export const JSON_FEED_CONTENT_TYPE = "application/feed+json; charset=utf-8";
export const SITEMAP_CONTENT_TYPE = "application/xml; charset=utf-8";
export const ROBOTS_CONTENT_TYPE = "text/plain; charset=utf-8";
