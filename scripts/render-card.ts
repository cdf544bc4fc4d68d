/**
 * npm run card -- "<title>" out.png [variant]: draws one card with the cards Worker as built
 * for deployment (in workerd, offline), to look at a design change or to refresh the test
 * reference (test/fixtures/cards/reference-wide.png, with the seed's fields below).
 */
import { writeFileSync } from "node:fs";
import { Miniflare } from "miniflare";
import { buildCardsWorker, cardsWorkerOptions } from "./lib/cards-worker";

const [title = "中国太保聚焦主责主业 助力打赢疫情防控大战硬战", out = "card.png", variant = "wide"] = process.argv.slice(2);
const model = { title, category: "北方网新闻", date: "2022-04-28 14:08 +08:00", source: "北方网", site: "edgewire 新闻", imageUrl: null };

const mf = new Miniflare(cardsWorkerOptions(buildCardsWorker()));
try {
  const res = await mf.dispatchFetch(`http://cards.internal/render?variant=${variant}`, { method: "POST", body: JSON.stringify(model) });
  if (!res.ok) throw new Error(`render answered ${res.status}: ${await res.text()}`);
  writeFileSync(out, Buffer.from(await res.arrayBuffer()));
  console.log(`card: wrote ${out}`);
} finally {
  await mf.dispose();
}
