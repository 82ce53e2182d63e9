"""The report page's CSS: one column that reads on screen and prints on A4 or Letter (the paper is the
printer's choice; the margins are ours), cards and table rows never split across pages, links printed
as their text."""

CSS = """
:root { --ink: #1d1f21; --muted: #5f6368; --rule: #d5d7da; --accent: #34495e; --up: #b3261e; --down: #1e6b3a; }
* { box-sizing: border-box; }
body { font: 10.5pt/1.4 Helvetica, Arial, sans-serif; color: var(--ink); margin: 0 auto; max-width: 190mm;
       padding: 10mm 6mm; background: #fff; }
h1 { font-size: 19pt; margin: 0 0 2pt; color: var(--accent); }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; padding-bottom: 2pt; border-bottom: 1.5pt solid var(--accent);
     color: var(--accent); break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 0 0 3pt; break-after: avoid; page-break-after: avoid; }
p { margin: 4pt 0; }
.sub { font-size: 11.5pt; margin: 0 0 4pt; }
.meta, .note, .small { color: var(--muted); font-size: 8.5pt; }
.note { font-style: italic; }
.empty { border: 1pt solid var(--up); background: #fdf3f2; padding: 8pt 10pt; margin: 10pt 0; }
.figures { display: grid; grid-template-columns: repeat(5, 1fr); gap: 6pt; margin: 10pt 0 4pt; }
.fig { border: .75pt solid var(--rule); border-radius: 3pt; padding: 5pt 7pt; }
.fig b { display: block; font-size: 16pt; line-height: 1.15; }
.fig span { font-size: 8pt; color: var(--muted); }
.up { color: var(--up); } .down { color: var(--down); } .same { color: var(--muted); }
figure { margin: 8pt 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { font-size: 8.5pt; color: var(--muted); margin-top: 3pt; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 10pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: 4pt 0; }
th, td { text-align: left; padding: 2.5pt 4pt; border-bottom: .5pt solid var(--rule); vertical-align: top; }
th { font-weight: bold; border-bottom: 1pt solid var(--ink); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; } tfoot { display: table-row-group; }  /* "All" once, at the end */
tfoot td { font-weight: bold; border-top: 1pt solid var(--ink); border-bottom: none; }
.card { border: .75pt solid var(--rule); border-left: 3pt solid var(--accent); border-radius: 2pt;
        padding: 6pt 8pt; margin: 6pt 0; break-inside: avoid; page-break-inside: avoid; }
.card.disputed { border-left-color: var(--up); }
.card .facts { font-size: 9pt; margin: 2pt 0; }
.card .facts dt { display: inline; font-weight: bold; }
.card .facts dd { display: inline; margin: 0 8pt 0 2pt; }
.badge { display: inline-block; font-size: 7.5pt; font-weight: bold; padding: 0 4pt; border-radius: 2pt;
         border: .75pt solid currentColor; vertical-align: 1pt; margin-left: 4pt; }
.sources { margin: 3pt 0 0; padding-left: 14pt; font-size: 8.5pt; }
.sources li { margin: 1.5pt 0; }
blockquote { margin: 1pt 0 2pt; padding-left: 6pt; border-left: 1.5pt solid var(--rule); color: #3c4043;
             font-style: italic; }
a { color: #1a4f8b; text-decoration: none; word-break: break-all; }
table.questions td:first-child { width: 27%; } table.questions td:nth-child(2) { width: 40%; }
code, .id { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 8pt; }
.about { font-size: 8.5pt; color: #3c4043; }
.about li { margin: 2pt 0; }
@page { size: portrait; margin: 13mm 12mm 15mm;
        @bottom-right { content: "page " counter(page) " of " counter(pages); font: 8pt Helvetica, Arial, sans-serif;
                        color: #5f6368; } }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  figure svg { max-height: 100mm; }  /* the map and the counts share the first page */
  a { color: inherit; }
  .card, figure, .figures, table { break-inside: avoid; page-break-inside: avoid; }
  table.long { break-inside: auto; page-break-inside: auto; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
}
"""
