/** The reports' stylesheet, inlined into every page. Verdict colours match the console's. */
export const PAGE_STYLE = `
:root{--pass:#1a7f37;--info:#0969da;--nonstrict:#9a6700;--unimpl:#6e7781;--fail:#cf222e;--error:#8250df;--untested:#afb8c1;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg2:#f6f8fa}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);margin:0 auto;padding:16px 24px 48px;max-width:1400px}
h1{font-size:22px;margin:8px 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
.meta{color:var(--muted);margin:0 0 12px}
code,pre,.mono{font:12.5px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
pre{white-space:pre-wrap;word-break:break-all;margin:0}
pre.server-output{margin:4px 0 8px;padding:4px 6px;border-left:3px solid var(--muted)}
.s-stderr{color:#b00020}
table{border-collapse:collapse;margin:6px 0 12px}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--bg2);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.v{display:inline-block;min-width:7.5em;padding:1px 6px;border-radius:4px;color:#fff;font-weight:600;font-size:12px;text-align:center}
.v-PASS{background:var(--pass)}.v-INFORMATIONAL{background:var(--info)}.v-NON-STRICT{background:var(--nonstrict)}
.v-UNIMPLEMENTED{background:var(--unimpl)}.v-FAIL{background:var(--fail)}.v-ERROR{background:var(--error)}.v-UNTESTED{background:var(--untested);color:var(--fg)}
.v-MISSING{background:#fff;color:var(--muted);border:1px dashed var(--line)}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:110px}
.card .n{font-size:24px;font-weight:700;font-variant-numeric:tabular-nums}
.card .l{color:var(--muted);font-size:12px}
.card.c-PASS .n{color:var(--pass)}.card.c-NON-STRICT .n{color:var(--nonstrict)}.card.c-FAIL .n{color:var(--fail)}.card.c-ERROR .n{color:var(--error)}.card.c-UNIMPLEMENTED .n{color:var(--unimpl)}.card.c-INFORMATIONAL .n{color:var(--info)}
.filters{position:sticky;top:0;background:#fff;padding:8px 0;border-bottom:1px solid var(--line);z-index:2;display:flex;flex-wrap:wrap;gap:6px 14px;align-items:center}
.filters label{cursor:pointer;user-select:none}
details.scenario{border:1px solid var(--line);border-radius:6px;margin:4px 0;background:#fff}
details.scenario>summary{cursor:pointer;padding:5px 8px;display:flex;gap:10px;align-items:baseline;list-style:none}
details.scenario>summary::-webkit-details-marker{display:none}
details.scenario>summary::before{content:"▸";color:var(--muted)}details.scenario[open]>summary::before{content:"▾"}
details.scenario .body{padding:6px 12px 12px;border-top:1px solid var(--line)}
.sid{font-family:ui-monospace,monospace;font-size:12.5px}
.reqs{color:var(--muted);font-size:12px}
.reason{margin:4px 0}
dl.ev{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:6px 0}
dl.ev dt{color:var(--muted)}dl.ev dd{margin:0}
table.transcript{width:100%}
table.transcript td{padding:2px 6px}
tr.d-sent td.dir{color:#0550ae}tr.d-received td.dir{color:#116329}tr.d-event td{color:var(--muted);font-style:italic}
td.at{white-space:nowrap;text-align:right;color:var(--muted)}
.hidden{display:none!important}
tr:target td,details:target{outline:2px solid #0969da;outline-offset:-2px}
.matrix td.cell{text-align:center;padding:2px 4px}
.matrix td.cell a{text-decoration:none}
.matrix .v{min-width:0;font-size:11px}
td.num{white-space:nowrap}
.matrix th.server{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;max-height:220px}
.matrix tr.grp th{background:#eef1f4;text-align:left}
.score td{font-variant-numeric:tabular-nums;text-align:center}
.chart{border:1px solid var(--line);border-radius:6px;padding:6px;margin:8px 0;background:#fff;max-width:100%}
.chart text{font:11px system-ui,sans-serif;fill:var(--muted)}
.legend span{display:inline-block;margin-right:14px}
.legend i{display:inline-block;width:14px;height:3px;vertical-align:middle;margin-right:4px}
.branches{display:grid;gap:10px}
.note{color:var(--muted)}
.problem{color:var(--fail)}
`;
