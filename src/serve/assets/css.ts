/** The web app's stylesheet (served as /app.css; no external resources). */
export const APP_CSS = `:root{--fg:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;--accent:#0969da;
--ok:#1a7f37;--info:#0969da;--warn:#9a6700;--error:#cf222e;--unknown:#8250df}
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding:.7rem 1.5rem;border-bottom:1px solid var(--line);background:var(--soft)}
.brand{font-weight:700;color:var(--fg);text-decoration:none}nav{display:flex;flex-wrap:wrap;gap:.2rem .9rem;flex:1}
nav a{color:var(--accent);text-decoration:none;padding:.15rem 0}nav a[aria-current]{color:var(--fg);font-weight:600;border-bottom:2px solid var(--accent)}
.lang{color:var(--muted)}.lang a{color:var(--accent)}
main{max-width:62rem;margin:0 auto;padding:1rem 1.5rem 3rem}h1{font-size:1.45rem;margin:.8rem 0}.intro{color:var(--muted);max-width:48rem}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));gap:1rem}
.card{display:block;border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;color:inherit;text-decoration:none}
.card:hover{border-color:var(--accent)}.card h2{font-size:1.05rem;margin:.2rem 0;color:var(--accent)}.card p{margin:.2rem 0;color:var(--muted)}
form,.question{display:grid;gap:.6rem;max-width:48rem;margin:1rem 0}
form[data-api="/api/probe"]{grid-template-columns:1fr 1fr}form[data-api="/api/probe"] button{grid-column:1/-1}.field{display:grid;gap:.2rem}label{font-weight:600}
input,select,textarea{font:inherit;padding:.45rem .55rem;border:1px solid var(--line);border-radius:6px;background:#fff;width:100%}
textarea{font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
button{font:inherit;font-weight:600;padding:.5rem 1.1rem;border-radius:6px;border:1px solid var(--accent);background:var(--accent);color:#fff;cursor:pointer;justify-self:start}
button.secondary{background:#fff;color:var(--accent)}button:disabled{opacity:.6;cursor:wait}.buttons{display:flex;gap:.6rem;flex-wrap:wrap}
#status{margin:.8rem 0;color:var(--muted)}#status.error{color:var(--error);font-weight:600}
.f{border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;padding:.55rem .9rem;margin:.7rem 0;animation:in .25s ease-out}
@keyframes in{from{opacity:0;transform:translateY(4px)}to{opacity:1}}
@media (prefers-reduced-motion:reduce){.f{animation:none}}
.f h3{font-size:1rem;margin:.15rem 0}.f .check{color:var(--muted);font:12px ui-monospace,monospace}.f p{margin:.35rem 0}
.s-ok{border-left-color:var(--ok)}.s-info{border-left-color:var(--info)}.s-warn{border-left-color:var(--warn)}.s-error{border-left-color:var(--error)}.s-unknown{border-left-color:var(--unknown)}
.badge{font-weight:700;margin-right:.35rem}.f h3 .count{color:var(--muted);font-weight:600}a.action{font-weight:600;color:var(--accent)}.b-ok{color:var(--ok)}.b-info{color:var(--info)}.b-warn{color:var(--warn)}.b-error{color:var(--error)}.b-unknown{color:var(--unknown)}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.05rem 1rem;margin:.4rem 0}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
pre{background:var(--soft);padding:.5rem;overflow:auto;white-space:pre-wrap;word-break:break-all;font-size:12px;max-height:24rem}
table{border-collapse:collapse;margin:.6rem 0;width:100%}td,th{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top;font-size:14px}
th{background:var(--soft)}h2{font-size:1.15rem;margin:1.4rem 0 .4rem}
.summary{font-weight:600;padding:.6rem .9rem;border-radius:6px;background:var(--soft)}
.chart{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr max-content;gap:.25rem .6rem;align-items:center;max-width:48rem}
.bar{height:.9rem;border-radius:3px;background:var(--accent);min-width:2px}.bar.ok{background:var(--ok)}.bar.warn{background:var(--warn)}.bar.error{background:var(--error)}.bar.info{background:var(--info)}.bar.unknown{background:var(--unknown)}
.progress{list-style:none;padding:0}.progress li{padding:.15rem 0}.progress li::before{content:"";display:inline-block;box-sizing:border-box;width:.9em;height:.9em;margin-right:.45em;vertical-align:-.1em;border:2px solid #777;border-top-color:transparent;border-radius:50%;animation:spin 1s linear infinite}.progress li.done::before,.progress li.bad::before,.progress li.warn::before,.progress li.skip::before{border:0;animation:none;width:auto;height:auto;vertical-align:baseline}.progress li.done::before{content:"✔"}.progress li.bad::before{content:"✖"}.progress li.warn::before{content:"⚠"}.progress li.skip::before{content:"·"}@keyframes spin{to{transform:rotate(360deg)}}@media (prefers-reduced-motion:reduce){.progress li::before{animation:none}}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.choices{display:grid;gap:.4rem}.choices label{font-weight:400;display:flex;gap:.5rem;align-items:flex-start;border:1px solid var(--line);border-radius:6px;padding:.45rem .6rem;cursor:pointer}
.choices input{width:auto;margin-top:.25rem}.choices small{display:block;color:var(--muted)}.stepno{color:var(--muted);font-size:.9rem}
.tablewrap{overflow-x:auto}details.folded>summary{cursor:pointer;font-weight:600;margin:.7rem 0;color:var(--ok)}.f{overflow-wrap:anywhere}
@media (max-width:36rem){header,main,footer{padding-left:1rem;padding-right:1rem}form[data-api="/api/probe"]{grid-template-columns:1fr}
dl{grid-template-columns:1fr}dd{margin-bottom:.3rem}}
.witems{display:grid;gap:.6rem}.witem{display:grid;grid-template-columns:minmax(0,1fr) 15rem;gap:.2rem 1rem;margin:0}.witem h3{grid-column:1/-1}
.witem .meta{color:var(--muted);font-size:.9rem}.witem ul{margin:.2rem 0;padding-left:1.2rem}.witem .buttons{grid-column:1/-1}.witem button{padding:.25rem .8rem;font-size:.9rem}
.spark{display:flex;align-items:flex-end;gap:1px;height:2.2rem;border-bottom:1px solid var(--line);align-self:start}.spark i{flex:1 1 0;max-width:.6rem;min-width:2px;border-radius:2px 2px 0 0;background:var(--ok);height:35%}
.spark i.info{background:var(--info);height:35%}.spark i.warn{background:var(--warn);height:70%}.spark i.error{background:var(--error);height:100%}.spark i.unknown{background:var(--unknown);height:55%}
.sparkcap{color:var(--muted);font-size:.8rem}.mute{color:var(--unknown);font-weight:600}.mutebox{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:.2rem 0;grid-column:1/-1}.mutebox .field{min-width:10rem}
.timeline{list-style:none;padding:0;margin:.4rem 0}.timeline li{display:grid;grid-template-columns:9rem minmax(0,1fr) max-content;gap:.2rem .8rem;align-items:start;border-left:6px solid var(--line);padding:.4rem .7rem;margin:.35rem 0;background:var(--soft);border-radius:4px}
.timeline li.s-ok{border-left-color:var(--ok)}.timeline li.s-info{border-left-color:var(--info)}.timeline li.s-warn{border-left-color:var(--warn)}.timeline li.s-error{border-left-color:var(--error)}.timeline li.s-unknown{border-left-color:var(--unknown)}
.timeline time{color:var(--muted);font-size:.85rem}.timeline .acked{color:var(--muted);font-size:.85rem}.timeline button{padding:.2rem .7rem;font-size:.85rem}.timeline li.done{opacity:.75}
.listerr{color:var(--error);font-weight:600;margin:.2rem 0}.listok{color:var(--ok);font-weight:600;margin:.2rem 0}#f-list{min-height:16rem}
@media (max-width:36rem){.witem{grid-template-columns:1fr}.timeline li{grid-template-columns:1fr}}
.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(8.5rem,1fr));gap:.6rem;margin:.5rem 0}.tile{border:1px solid var(--line);border-radius:6px;padding:.4rem .7rem;display:grid}
.tile strong{font-size:1.4rem}.tile span{color:var(--muted);font-size:.9rem}.meta{color:var(--muted);font-size:.9rem;margin:.3rem 0}.advice{font-weight:600;color:var(--error)}
form.inline{display:flex;flex-wrap:wrap;gap:.6rem;align-items:end;margin:.6rem 0}form.inline .field{min-width:12rem;flex:0 1 22rem}form.inline button{padding:.45rem 1rem}
.lookups{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:1rem}.lookups h3{margin:.4rem 0 0}.hostbox h3{margin:.8rem 0 .2rem;font-size:1rem}
.vspark{display:flex;align-items:flex-end;gap:1px;height:2.6rem;border-bottom:1px solid var(--line);max-width:48rem}.vspark i{flex:1 1 0;max-width:.8rem;min-width:2px;border-radius:2px 2px 0 0;background:var(--info)}.vspark i.warn{background:var(--warn)}
table.story td:last-child{font:12px ui-monospace,monospace;overflow-wrap:anywhere}
@media (max-width:48rem){.lookups{grid-template-columns:1fr}}
footer{max-width:62rem;margin:0 auto;padding:1rem 1.5rem;color:var(--muted);font-size:.85rem;border-top:1px solid var(--line)}
`;
