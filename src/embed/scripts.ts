/**
 * The two small scripts of the embed, kept readable here and served as they are (each is
 * well under the 3 KB budget unminified; test/integration/embed.test.ts holds the line).
 *
 * The handshake is WordPress's (wp-embed): the host puts a per-embed secret in the card
 * iframe's URL (`#?secret=…`) and on the iframe (`data-secret`); the card posts
 * `{message: "height", value, secret}` to its parent, and `{message: "link", value,
 * secret}` when a reader clicks through (a WordPress frame is sandboxed without popups, so
 * its host navigates instead). So a card embedded by WordPress, by embed.js or by any host
 * speaking that protocol sizes itself, and a host can tell its frames apart and ignore
 * every other window. The same message also carries our own fields (type, infoCode,
 * height) for hosts written against them.
 *
 * CARD_SCRIPT runs inside the card. Opened outside a frame it does nothing at all (no
 * polling, no messages to itself). EMBED_SCRIPT runs on the partner page: it turns marked
 * blockquotes (also ones added later) into sandboxed, lazy iframes, adopts the iframe that
 * our oEmbed html already carries, and sizes a frame only from a message that comes from
 * that very frame, from our origin (or the opaque origin of a frame sandboxed without
 * allow-same-origin), with that frame's secret and the expected shape. Loaded twice, it
 * does its work once.
 *
 * Adopting puts a fresh copy of the iframe, with the secret in its URL, in place of the
 * original. Only setting the original's src to `…#?secret=` is not enough: while its first
 * load is still under way, Chromium can take the new URL as a same-document change and
 * keep the URL without the secret, so the card never learns it and stays hidden (seen in
 * test/browser/embed.browser.test.ts on a cold card, about one load in three).
 */
export const MESSAGE_TYPE = "edgewire:card-height";

export const CARD_SCRIPT = `(function(){
if(window.self===window.top)return;
var root=document.documentElement,code=root.getAttribute("data-info-code"),secret="";
function readSecret(){var m=/[#&?]secret=([A-Za-z0-9]{10,64})/.exec(location.hash);secret=m?m[1]:""}
function send(message,value){parent.postMessage({message:message,value:value,secret:secret,type:"${MESSAGE_TYPE}",infoCode:code,height:message==="height"?value:undefined},"*")}
function report(){send("height",Math.ceil(root.getBoundingClientRect().height))}
readSecret();
addEventListener("hashchange",function(){readSecret();report()});
addEventListener("message",function(e){var d=e.data;if(e.source===parent&&d&&d.message==="ready"&&d.secret===secret)report()});
addEventListener("load",report);
document.addEventListener("click",function(e){var a=e.target&&e.target.closest?e.target.closest("a[href]"):null;if(a&&secret)send("link",a.href)});
if(window.ResizeObserver)new ResizeObserver(report).observe(root);
report();
})();`;

export const EMBED_SCRIPT = `(function(){
"use strict";
if(window.__edgewireEmbed){window.__edgewireEmbed.scan(document);return}
var me=document.currentScript,origin=me?new URL(me.src,location.href).origin:"";
if(!origin)return;
var CODE=/^[A-Z]{2}\\d{18}$/;
function secret(){var a=new Uint8Array(12),s="",i;crypto.getRandomValues(a);for(i=0;i<a.length;i++)s+=(a[i]%36).toString(36);return s}
function arm(f){var s=secret();f.setAttribute("data-secret",s);f.setAttribute("data-edgewire-frame","1");f.src=f.src.split("#")[0]+"#?secret="+s}
function build(q){
if(q.getAttribute("data-edgewire-done"))return;
var code=(q.getAttribute("data-info-code")||"").toUpperCase();
if(!CODE.test(code))return;
q.setAttribute("data-edgewire-done","1");
var next=q.nextElementSibling;
if(next&&next.tagName==="IFRAME"&&next.className.indexOf("edgewire-card-frame")>=0&&next.src.indexOf(origin+"/embed/")===0){var c=next.cloneNode(false);arm(c);next.parentNode.replaceChild(c,next);return}
var f=document.createElement("iframe"),theme=q.getAttribute("data-theme");
f.src=origin+"/embed/"+code+(theme==="dark"||theme==="light"?"?theme="+theme:"");
f.title=(q.textContent||"").trim()||code;
f.loading="lazy";
f.setAttribute("sandbox","allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox");
f.setAttribute("scrolling","no");
f.setAttribute("data-info-code",code);
f.style.cssText="display:block;border:0;width:100%;max-width:550px;height:240px;margin:1em 0;overflow:hidden";
arm(f);
q.parentNode.replaceChild(f,q);
}
function scan(root){var list=root.querySelectorAll?root.querySelectorAll("blockquote.edgewire-card[data-info-code]"):[];for(var i=0;i<list.length;i++)build(list[i])}
addEventListener("message",function(e){
var d=e.data;
if(!d||d.message!=="height"||typeof d.value!=="number"||!(d.value>0&&d.value<10000)||typeof d.secret!=="string"||!d.secret)return;
var frames=document.querySelectorAll("iframe[data-edgewire-frame]");
for(var i=0;i<frames.length;i++){var f=frames[i];
if(f.contentWindow!==e.source||f.getAttribute("data-secret")!==d.secret)continue;
if(e.origin!==origin&&!(e.origin==="null"&&!/allow-same-origin/.test(f.getAttribute("sandbox")||"")))return;
var q=f.previousElementSibling;
if(q&&q.tagName==="BLOCKQUOTE"&&q.className.indexOf("edgewire-card")>=0)q.parentNode.removeChild(q);
f.style.position="";f.style.clip="";f.style.height=Math.ceil(d.value)+"px";return}
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
