/**
 * WebSub publishing (https://www.w3.org/TR/websub/#publishing): after articles change,
 * tell the hub which feeds (topics) have new content; the hub fetches them and pushes to
 * subscribers. Feeds advertise the hub with rel=hub next to rel=self (see the renderers).
 * The ping is best effort: a slow or failing hub must never fail or delay an import, so
 * it runs under waitUntil and errors are logged, not thrown.
 */
import { absoluteUrl, type SiteConfig } from "../lib/config";
import { feedPath, type FeedFile } from "./feed-model";
import { logError } from "../lib/log";

const FILES: readonly FeedFile[] = ["feed.xml", "atom.xml", "feed.json"];

/** The self URLs of the site feeds and of each changed category's feeds. */
export function feedTopics(site: SiteConfig, categorySlugs: readonly string[]): string[] {
  const slugs = [...new Set(categorySlugs)].sort();
  return [undefined, ...slugs].flatMap((slug) => FILES.map((file) => absoluteUrl(site, feedPath(file, slug))));
}

/** One POST per topic, as the spec defines hub.url as a single topic URL. */
export async function pingHub(hubUrl: string, topics: string[], send: typeof fetch = fetch): Promise<void> {
  await Promise.all(
    topics.map(async (topic) => {
      try {
        const res = await send(hubUrl, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ "hub.mode": "publish", "hub.url": topic }).toString(),
        });
        // Hubs answer 2xx (usually 204) when they accept the notification.
        if (!res.ok) logError("websub_ping_failed", { hub: hubUrl, topic, status: res.status });
      } catch (err) {
        logError("websub_ping_failed", { hub: hubUrl, topic, error: String(err) });
      }
    }),
  );
}
