/**
 * The two small scripts of the embed, kept readable here and served as they are (each is
 * well under the 3 KB budget unminified; test/integration/embed.test.ts holds the line).
 *
 * CARD_SCRIPT runs inside the framed card: it reports the card's height to the partner
 * page on load and whenever the card resizes. EMBED_SCRIPT runs on the partner page: it
 * turns marked blockquotes (also ones added later) into sandboxed, lazy iframes and sizes
 * each iframe only from messages that come from our origin, from that very iframe, and
 * have the expected shape. Loaded twice, it does its work once.
 */
export const MESSAGE_TYPE = "edgewire:card-height";

export const CARD_SCRIPT = `(function(){
var root=document.documentElement,code=root.getAttribute("data-info-code");
function report(){parent.postMessage({type:"${MESSAGE_TYPE}",infoCode:code,height:Math.ceil(root.getBoundingClientRect().height)},"*")}
addEventListener("load",report);
if(window.ResizeObserver)new ResizeObserver(report).observe(root);
report();
})();`;

export const EMBED_SCRIPT = `(function(){
"use strict";
if(window.__edgewireEmbed){window.__edgewireEmbed.scan(document);return}
var me=document.currentScript,origin=me?new URL(me.src,location.href).origin:"";
if(!origin)return;
var CODE=/^[A-Z]{2}\\d{18}$/;
function build(q){
if(q.getAttribute("data-edgewire-done"))return;
var code=(q.getAttribute("data-info-code")||"").toUpperCase();
if(!CODE.test(code))return;
q.setAttribute("data-edgewire-done","1");
var f=document.createElement("iframe"),theme=q.getAttribute("data-theme");
f.src=origin+"/embed/"+code+(theme==="dark"||theme==="light"?"?theme="+theme:"");
f.title=(q.textContent||"").trim()||code;
f.loading="lazy";
f.setAttribute("sandbox","allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox");
f.setAttribute("scrolling","no");
f.setAttribute("data-info-code",code);
f.style.cssText="display:block;border:0;width:100%;max-width:550px;height:240px;margin:1em 0;overflow:hidden";
q.parentNode.replaceChild(f,q);
}
function scan(root){var list=root.querySelectorAll?root.querySelectorAll("blockquote.edgewire-card[data-info-code]"):[];for(var i=0;i<list.length;i++)build(list[i])}
addEventListener("message",function(e){
var d=e.data;
if(e.origin!==origin||!d||d.type!=="${MESSAGE_TYPE}"||typeof d.height!=="number"||!(d.height>0&&d.height<10000))return;
var frames=document.querySelectorAll("iframe[data-info-code]");
for(var i=0;i<frames.length;i++){if(frames[i].contentWindow===e.source){frames[i].style.height=Math.ceil(d.height)+"px";return}}
});
new MutationObserver(function(ms){for(var i=0;i<ms.length;i++)for(var j=0;j<ms[i].addedNodes.length;j++){var n=ms[i].addedNodes[j];if(n.nodeType===1){if(n.matches&&n.matches("blockquote.edgewire-card"))build(n);else scan(n)}}}).observe(document.documentElement,{childList:true,subtree:true});
window.__edgewireEmbed={scan:scan};
scan(document);
})();`;

let cardScriptHash: Promise<string> | undefined;

/** CSP hash source for the card's one inline script: no nonce, so the card stays cacheable. */
export function cardScriptCspHash(): Promise<string> {
  cardScriptHash ??= crypto.subtle.digest("SHA-256", new TextEncoder().encode(CARD_SCRIPT)).then((digest) => {
    let binary = "";
    for (const byte of new Uint8Array(digest)) binary += String.fromCharCode(byte);
    return `'sha256-${btoa(binary)}'`;
  });
  return cardScriptHash;
}
