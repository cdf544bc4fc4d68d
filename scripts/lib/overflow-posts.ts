/**
 * Posts made of what pushes a phone layout out, in every place a page shows text: URLs,
 * digit runs (info codes, IDs), long Latin words, a wide table, a long code line, a long tag,
 * source, author and category name; and the reader pages that show them. Used by
 * test/browser/overflow.browser.test.ts and `npm run screenshots` (at 320 px).
 */
import { post } from "./reader-site";

const LONG = "RS202402010000000001";
const PLAIN = "RS202402020000000002";
const URL_TEXT = "https://news.example.com/html_News/NewsShare.html?infoCode=NW202112082206735975&utm_source=wechat_session_timeline_group";
const DIGITS = "2021120822067359751234567890123456789012";
const WORD = "Donaudampfschifffahrtselektrizitätenhauptbetriebswerkbauunterbeamtengesellschaft";
const TAG = "Supercalifragilisticexpialidocious超长标签202112082206735975";
const CATEGORY = "Internationalizationandlocalizationchannelnews";

/** A post made of what pushes a phone layout out, in every place a page shows text. */
const longPost = post(
  {
    title: `超长链接测试：${URL_TEXT} 与编号${DIGITS}`,
    date: "2024-02-01 09:00:00 +0800",
    categories: "changzifu",
    tags: [TAG, "养老"],
    info_code: LONG,
    source: `北方网${WORD}`,
    author: `记者${DIGITS}`,
    description: `摘要里有长链接${URL_TEXT}和长单词${WORD}以及数字${DIGITS}。`,
  },
  [
    `正文里的裸链接 ${URL_TEXT} 和链接 [${URL_TEXT}](${URL_TEXT})。`,
    "",
    `编号${DIGITS}${DIGITS}，长单词 ${WORD}${WORD}，行内代码 \`${WORD}${DIGITS}\`。`,
    "",
    "| 年份 | 第一季度营业收入 | 第二季度营业收入 | 第三季度营业收入 | 第四季度营业收入 | 全年合计 | 同比增长 | 备注 |",
    "|---|---|---|---|---|---|---|---|",
    `| 2023 | 1234567890 | 2234567890 | 3234567890 | 4234567890 | 11938271560 | 12.5% | ${WORD} |`,
    "",
    "```",
    `const shareUrl = "${URL_TEXT}"; const id = "${DIGITS}"; // ${WORD}`,
    "```",
    "",
    // Served by the Worker itself (no other host): a 180 px icon the post says is 1600 px wide.
    `<img src="/apple-touch-icon.png" alt="宽图" width="1600" height="400">`,
    "",
    `> 引文里的长链接 ${URL_TEXT}`,
  ].join("\n"),
  `超长栏目${CATEGORY}`,
);

/** A second post in the same category, so its page also lists an ordinary row next to the long one. */
const plainPost = post(
  { title: "超长栏目里的普通文章", date: "2024-02-02 09:00:00 +0800", categories: "changzifu", tags: [TAG], info_code: PLAIN },
  "一篇普通的文章，没有很长的字符串。",
  `超长栏目${CATEGORY}`,
);

export const OVERFLOW_PAGES: readonly { name: string; path: string }[] = [
  { name: "home", path: "/" },
  { name: "category", path: "/category/changzifu.html" },
  { name: "tag", path: `/tag/${encodeURIComponent(TAG)}.html` },
  { name: "search-results", path: `/search?q=${encodeURIComponent("超长链接")}` },
  { name: "article", path: `/a/${LONG}` },
  { name: "legacy-share", path: `/html_News/NewsShare.html?infoCode=${LONG}` },
  { name: "article-plain", path: `/a/${PLAIN}` },
  { name: "embed", path: `/embed/${LONG}` },
];

export const OVERFLOW_POSTS: readonly string[] = [longPost, plainPost];
