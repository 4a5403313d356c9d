// The console's one stylesheet, served at /console/assets/console.css: readable on a laptop and a
// phone, light and dark by prefers-color-scheme, no external fonts or images.
export const CONSOLE_CSS = `
:root { color-scheme: light dark; --bg: #f7f7f5; --fg: #1d1d1b; --muted: #6b6b66; --card: #fff; --line: #deded8;
  --accent: #1f5fbf; --ok: #1d7a3a; --warn: #9a6200; --bad: #b3261e; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; }
@media (prefers-color-scheme: dark) { :root { --bg: #161615; --fg: #ecece8; --muted: #a0a09a; --card: #20201e; --line: #3a3a36;
  --accent: #7fb0ff; --ok: #6fcf8a; --warn: #f0b24a; --bad: #ff8a80; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); }
header.top { display: flex; gap: 1rem; align-items: center; flex-wrap: wrap; padding: .6rem 1rem; border-bottom: 1px solid var(--line); background: var(--card); }
header.top a.brand { font-weight: 700; text-decoration: none; color: var(--fg); }
header.top nav { display: flex; gap: .8rem; flex-wrap: wrap; }
header.top form { margin-left: auto; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.35rem; margin: .4rem 0 1rem; } h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
.card li, .card dd, td { overflow-wrap: anywhere; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: .8rem 1rem; margin-bottom: 1rem; }
.grid { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); }
table { border-collapse: collapse; width: 100%; background: var(--card); }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .85rem; color: var(--muted); font-weight: 600; }
.table-wrap { overflow-x: auto; border: 1px solid var(--line); border-radius: 8px; }
.status { display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .82rem; border: 1px solid currentColor; white-space: nowrap; }
.status.delivered, .status.ok, .status.ready { color: var(--ok); }
.status.queued, .status.received, .status.delivering, .status.unknown, .status.info { color: var(--muted); }
.status.needs_mapping, .status.held, .status.retry, .status.not_ready { color: var(--warn); }
.status.failed, .status.rejected, .status.invalid, .status.broken, .status.error { color: var(--bad); }
.muted { color: var(--muted); } .bad { color: var(--bad); } .ok { color: var(--ok); }
form.search { display: flex; gap: .5rem; flex-wrap: wrap; align-items: end; }
label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); gap: .2rem; }
input, select, textarea, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .35rem .5rem; }
button { background: var(--accent); color: #fff; border-color: var(--accent); cursor: pointer; }
button.secondary { background: transparent; color: var(--accent); }
pre { white-space: pre-wrap; word-break: break-word; background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: .6rem; max-height: 32rem; overflow: auto; font-size: .85rem; }
ol.timeline { list-style: none; padding: 0; margin: 0; border-left: 2px solid var(--line); }
ol.timeline li { padding: .2rem 0 .6rem .8rem; position: relative; }
ol.timeline li::before { content: ""; position: absolute; left: -6px; top: .55rem; width: 10px; height: 10px; border-radius: 50%; background: var(--line); }
ol.timeline li.ok::before { background: var(--ok); } ol.timeline li.error::before, ol.timeline li.retry::before { background: var(--bad); }
.notice { border-left: 4px solid var(--warn); padding: .5rem .8rem; background: var(--card); margin-bottom: 1rem; }
.notice.bad { border-color: var(--bad); } .notice.ok { border-color: var(--ok); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; } dl.facts dt { color: var(--muted); }
.login { max-width: 28rem; margin: 4rem auto; }
.chart { width: 100%; max-width: 44rem; height: auto; display: block; margin-bottom: 1rem; }
.chart .bar.ok { fill: var(--ok); } .chart .bar.warn { fill: var(--warn); } .chart .bar.bad { fill: var(--bad); }
.chart .grid-line { stroke: var(--line); } .chart .axis { fill: var(--muted); font-size: 11px; } .chart .axis.on-bar { fill: #fff; font-weight: 600; }
.big { font-size: 2rem; margin: 0; font-weight: 600; }
table.due { min-width: 46rem; } table.due td { overflow-wrap: normal; } table.due td:first-child, table.due td:last-child { white-space: nowrap; }
form.rules { display: grid; gap: .5rem; } form.rules label { display: grid; gap: .15rem; }
form.waive { display: flex; gap: .8rem; flex-wrap: wrap; align-items: end; }
@media (max-width: 40rem) { th, td { padding: .3rem; font-size: .9rem; } main { padding: .6rem; } }
`;
