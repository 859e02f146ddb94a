/**
 * The page's one stylesheet. It is the same for every report (nothing from a report is ever in it),
 * so the Content-Security-Policy can allow exactly this text by its hash.
 */
import { statusRules } from "./statusStyle";

/** The stylesheet, inlined in a `<style>` element. */
export const PAGE_STYLE = `
:root{color-scheme:light;--ink:#1b1f24;--muted:#57606a;--line:#d0d7de;--band:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;padding:24px 32px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:var(--ink);background:#fff}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:28px 0 8px}
.summary{margin:0 0 12px;color:var(--muted)}
.summary strong{color:var(--ink)}
.empty{padding:32px;border:1px dashed var(--line);border-radius:8px;text-align:center;color:var(--muted);font-size:16px}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:0 0 8px;padding:0;list-style:none;color:var(--muted);font-size:13px}
.legend li{display:flex;align-items:center;gap:6px}
.swatch{display:inline-block;width:22px;height:10px;border-radius:2px}
.swatch.window{background:repeating-linear-gradient(135deg,#555 0 2px,#fff 2px 5px)}
.swatch.today{width:2px;height:14px;background:var(--ink)}
.swatch.open{width:0;height:0;border-style:solid;border-width:6px 9px 6px 0;border-color:transparent #555 transparent transparent;border-radius:0}
.chart{margin:0 0 4px}
.chart svg{display:block;width:100%;max-width:1200px;height:auto;font:12px system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif}
.chart .axis{position:sticky;top:0;z-index:1;background:#fff}
.chart .axis-title{fill:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.04em}
.chart .axis-line{stroke:var(--line)}
.chart .tick{fill:var(--muted);text-anchor:middle}
.chart .today-label{font-weight:600;fill:var(--ink)}
.chart .today-tick{stroke:var(--ink);stroke-width:1.5}
.chart .band{fill:var(--band)}
.chart .grid{stroke:#e4e8ec;stroke-width:1}
.chart .stack{font-weight:600;fill:var(--ink)}
.chart .name{fill:var(--ink)}
.chart .span{stroke:#fff;stroke-width:.5}
.chart .bar:hover .span{stroke:var(--ink);stroke-width:1}
.chart .win{fill:url(#renewal-window);pointer-events:none}
.chart .open{fill:var(--ink)}
.chart .today line{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:4 3}
.note{color:var(--muted);font-size:13px}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{position:sticky;top:0;background:#fff;white-space:nowrap;font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td.wrap{overflow-wrap:anywhere;min-width:14ch}
td.nowrap{white-space:nowrap}
tbody tr:nth-child(even){background:var(--band)}
th button{font:inherit;font-weight:600;color:inherit;background:none;border:0;padding:0;cursor:pointer}
th button::after{content:" \\2195";color:var(--muted)}
th[aria-sort=ascending] button::after{content:" \\2191";color:var(--ink)}
th[aria-sort=descending] button::after{content:" \\2193";color:var(--ink)}
.key-due{font-weight:600;color:#d55e00}
.dot{display:inline-block;width:9px;height:9px;border-radius:50%;margin-right:6px}
[hidden]{display:none!important}
.toolbar{display:flex;flex-wrap:wrap;align-items:center;gap:6px 16px;margin:0 0 6px;padding:6px 0;background:#fff;font-size:13px}
.toolbar input,.toolbar select,.toolbar button{font:inherit}
.toolbar input[type=search]{width:24ch}
.toolbar input[type=number]{width:7ch}
.pager{display:flex;align-items:center;gap:4px}
.pager button{min-width:2.2em;border:1px solid var(--line);border-radius:4px;background:#fff;cursor:pointer}
.pager button:disabled{color:var(--line);cursor:default}
.shown{color:var(--muted)}
details{margin-top:24px;color:var(--muted);font-size:13px}
${statusRules()}
`;
