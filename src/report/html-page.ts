/**
 * The report page around its sections: print-aware CSS and a small inline
 * script that sorts tables and opens collapsed details for printing. All
 * inline, so the file opens from disk with no network request.
 */
export function htmlPage(body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>leadlift calibration report</title>
<style>
${PAGE_CSS}</style></head><body>
${body}
<script>
${SORT_AND_PRINT_SCRIPT}</script>
</body></html>
`;
}

const PAGE_CSS = `@page{size:A4;margin:14mm}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;max-width:1000px;margin:2rem auto;padding:0 1.2rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin:0 0 .2rem}h2{font-size:1.25rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2.2rem}h3{font-size:1.05rem;margin:1.4rem 0 .4rem}
.meta,.note,figcaption{color:#555;font-size:.88rem}
.verdict{font-size:1.05rem;padding:.8rem 1rem;border-left:6px solid #999;background:#f6f6f6;margin:.6rem 0}
.verdict-in-band{border-color:#2ca02c}.verdict-below-band,.verdict-above-band,.verdict-no-threshold{border-color:#d62728}.verdict-not-checked{border-color:#ff7f0e}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:.4rem .8rem;margin:.6rem 0}
.figures div{border:1px solid #e4e4e4;border-radius:4px;padding:.35rem .55rem}.figures dt{font-size:.78rem;color:#666}.figures dd{margin:0;font-weight:600;font-size:1.15rem;font-variant-numeric:tabular-nums}.figures dd span{display:block;font-weight:normal;font-size:.78rem;color:#555}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;width:100%}table.compact{width:auto;min-width:50%}
th,td{border-bottom:1px solid #e6e6e6;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f5f5f5;font-weight:600}td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
table.sortable th{cursor:pointer;user-select:none;white-space:nowrap}table.sortable th::after{content:" \\2195";color:#aaa}
table.sortable th[aria-sort=ascending]::after{content:" \\25B2";color:#333}table.sortable th[aria-sort=descending]::after{content:" \\25BC";color:#333}
figure{margin:1rem 0}.chart-title{font-weight:600;margin-bottom:.3rem}.chart-svg svg{max-width:100%;height:auto;display:block}
figcaption{margin-top:.3rem}details{margin:.5rem 0}summary{cursor:pointer;color:#1f5f99}
@media screen{#actions-table td:last-child{min-width:11em}}.warnings li{color:#8a4b00}.rules li{margin:.25rem 0}
@media print{
body{max-width:none;margin:0;padding:0;font-size:10pt}
h2{break-after:avoid;margin-top:1.2rem}h3{break-after:avoid}
figure,.verdict,.figures,table.compact,.chart-svg{break-inside:avoid}
thead{display:table-header-group}tr{break-inside:avoid}
table{font-size:8.5pt}td,th{padding:.15rem .3rem}#actions-table{font-size:8pt}#actions-table td,#actions-table th{padding:.12rem .2rem}
table.sortable th::after{content:none}summary{display:none}details::details-content{content-visibility:visible;display:block}
.verdict,th{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`;

const SORT_AND_PRINT_SCRIPT = `window.addEventListener("beforeprint", function () { document.querySelectorAll("details").forEach(function (d) { d.open = true; }); });
document.querySelectorAll("table.sortable").forEach(function (table) {
  var headers = table.tHead.rows[0].cells;
  Array.prototype.forEach.call(headers, function (th, index) {
    th.tabIndex = 0;
    var sort = function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var ascending = th.getAttribute("aria-sort") !== "ascending";
      Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var key = function (row) {
        var c = row.cells[index];
        var raw = c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent.trim();
        var n = Number(raw);
        return raw !== "" && !isNaN(n) ? n : raw.toLowerCase();
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        if (typeof x !== typeof y) return (typeof x === "number" ? -1 : 1) * (ascending ? 1 : -1);
        return (x > y ? 1 : x < y ? -1 : 0) * (ascending ? 1 : -1);
      });
      rows.forEach(function (row) { body.appendChild(row); });
    };
    th.addEventListener("click", sort);
    th.addEventListener("keydown", function (event) { if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); } });
  });
});
`;
