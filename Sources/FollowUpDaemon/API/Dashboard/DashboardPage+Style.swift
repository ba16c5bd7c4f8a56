import HTTPTypes

extension DashboardPage {
    /// The headers of the dashboard and of its error pages.
    static var headers: HTTPFields {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        // Nothing external may load: the page is one document with inline CSS and SVG.
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        headers[.cacheControl] = "no-store"
        // The page's URL carries a token (`?token=`) and its rows link out (`lead_url`): a Referer
        // header would hand the token to the CRM, so none is sent.
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return headers
    }

    /// Laid out for a desktop and for a 390 px phone: grids fold to one column,
    /// wide tables scroll inside their card, and the overdue table turns each
    /// row into a card (`table.cards`), so the page never scrolls sideways.
    static let css = """
        :root{--fg:#1d2733;--muted:#5b6b7d;--bg:#f4f6f9;--card:#fff;--bar:#3b6fd8;--ok:#2e8b57;--bad:#c8463b;--amber:#d89614}
        *{box-sizing:border-box}body{margin:0;padding:16px;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        h1{font-size:1.4em;margin:0 0 4px}h2{font-size:1.05em;margin:0 0 8px}.window{color:var(--muted);margin:0 0 12px}
        a{color:#1f4fb0}
        .filters{display:flex;flex-wrap:wrap;gap:8px 12px;align-items:flex-end;margin-bottom:16px}
        .filters label{display:flex;flex-direction:column;font-size:.8em;color:var(--muted);min-width:0;max-width:100%}
        .filters select,.filters input,.filters button{font:inherit;font-size:1rem;padding:4px 6px;max-width:100%}
        .tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin-bottom:16px}
        .tile{background:var(--card);border-radius:8px;padding:12px;box-shadow:0 1px 2px rgba(0,0,0,.08);border-left:6px solid transparent}
        .tile.green{border-left-color:var(--ok)}.tile.amber{border-left-color:var(--amber)}.tile.red{border-left-color:var(--bad)}
        .tile .n{font-size:1.6em;font-weight:600}.tile .k,.tile .s{color:var(--muted);font-size:.85em}
        .grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,440px),1fr));gap:12px}
        .card{background:var(--card);border-radius:8px;padding:12px;box-shadow:0 1px 2px rgba(0,0,0,.08);min-width:0}
        .wide{margin-top:12px}.chart{width:100%;max-width:520px;height:auto;display:block}
        .label,.value{font-size:13px;fill:var(--fg)}.bar{fill:var(--bar)}.bar.ok,.bar.green{fill:var(--ok)}.bar.bad,.bar.red{fill:var(--bad)}
        .bar.amber{fill:var(--amber)}.goal{stroke:var(--fg);stroke-width:1.5;stroke-dasharray:4 3}.goal-label{font-size:11px;fill:var(--muted)}
        .empty{color:var(--muted)}.scroll{overflow-x:auto;max-width:100%}
        table{border-collapse:collapse;width:100%;font-size:.9em}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e7ee;vertical-align:top}
        th{color:var(--muted);font-weight:600}small{color:var(--muted)}td.n,th.n{text-align:right}tr.total td{font-weight:600}
        td.late{color:var(--bad);font-weight:600}.status{color:var(--muted)}code{overflow-wrap:anywhere}
        table.cards td{overflow-wrap:anywhere}
        @media (max-width:600px){body{padding:10px}.tile .n{font-size:1.3em}
        table.cards thead{display:none}table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
        table.cards tr{border-bottom:1px solid #e3e7ee;padding:6px 0}table.cards td{border:0;padding:2px 0;display:flex;gap:8px}
        table.cards td::before{content:attr(data-label);flex:0 0 6.5em;color:var(--muted);font-weight:600}}
        """
}
