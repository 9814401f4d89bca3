/// The page templates, compiled into the binary (no resource bundle to ship). Mustache `{{x}}` escapes HTML;
/// these templates never use the unescaped `{{{x}}}` form, and every value comes from a view type
/// (`StatusBoardView`, `IncidentPageView`, `InternalTimelineView`, `ErrorPage`).
///
/// Every page inherits `layout`, filling its `title` and `main` blocks. No scripts: the page refreshes itself
/// with `<meta http-equiv="refresh">` and reads on a phone without zooming.
enum PageTemplates {
    static let all: [String: String] = [
        "layout": layout, "badges": badges, "index": index, "incident": incident, "timeline": timeline,
        "error": error,
    ]

    /// An incident's severity and state, as coloured labels (a partial: the current object is an `IncidentView`).
    static let badges = """
        <span class="sev {{severityClass}}">{{severity}}</span> <span class="state {{stateClass}}">{{state}}</span>
        """

    static let layout = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {{#site.refresh}}<meta http-equiv="refresh" content="{{site.refresh}}">{{/site.refresh}}
        <title>{{$title}}{{site.title}}{{/title}}</title>
        <style>\(style)</style>
        </head>
        <body>
        <header><a class="site" href="/">{{site.title}}</a>\
        {{#site.isInternal}} <span class="tag">internal</span>{{/site.isInternal}}</header>
        <main>
        {{$main}}{{/main}}
        </main>
        <footer>Updated <time datetime="{{site.generatedAt}}">{{site.generatedText}}</time>\
        {{#site.refresh}} · refreshes every {{site.refresh}} s{{/site.refresh}} · <a href="/api/incidents">JSON</a></footer>
        </body>
        </html>

        """

    static let index = """
        {{<layout}}
        {{$main}}
        <p class="summary">{{page.summary}}</p>
        <h1>Open incidents</h1>
        {{#page.open}}
        <article class="card {{severityClass}}">
        <h2><a href="{{url}}">{{name}} · {{title}}</a></h2>
        <p class="meta">{{>badges}} <span>lead: {{#lead}}{{lead}}{{/lead}}{{^lead}}none{{/lead}}</span> \
        <span>open for {{ageText}}</span>\
        {{#alertRecovered}} <span class="recovered">✓ alert recovered</span>{{/alertRecovered}}</p>
        {{#publicStatus}}<p class="status">{{publicStatus}} \
        <time datetime="{{publicStatusAt}}">{{publicStatusAtText}}</time></p>{{/publicStatus}}
        {{^publicStatus}}<p class="status none">No update posted yet.</p>{{/publicStatus}}
        </article>
        {{/page.open}}
        {{^page.open}}<p class="clear">No open incidents. All systems are working normally.</p>{{/page.open}}
        <h1>Resolved in the last {{page.recentDays}} days</h1>
        {{#page.recentlyResolved}}
        <article class="card resolved">
        <h2><a href="{{url}}">{{name}} · {{title}}</a></h2>
        <p class="meta">{{>badges}} \
        <span>resolved <time datetime="{{resolvedAt}}">{{resolvedText}}</time> after {{durationText}}</span></p>
        {{#publicStatus}}<p class="status">{{publicStatus}}</p>{{/publicStatus}}
        </article>
        {{/page.recentlyResolved}}
        {{^page.recentlyResolved}}<p class="none">None.</p>{{/page.recentlyResolved}}
        {{/main}}
        {{/layout}}
        """

    static let incident = """
        {{<layout}}
        {{$title}}{{page.incident.name}} · {{page.incident.title}} · {{site.title}}{{/title}}
        {{$main}}
        {{#page.incident}}
        <p class="crumbs"><a href="/">← All incidents</a></p>
        <h1>{{name}} · {{title}}</h1>
        <p class="meta">{{>badges}} <span>lead: {{#lead}}{{lead}}{{/lead}}{{^lead}}none{{/lead}}</span>\
        {{#alertRecovered}} <span class="recovered">✓ alert recovered</span>{{/alertRecovered}}</p>
        <dl class="facts">
        <dt>Declared</dt><dd><time datetime="{{declaredAt}}">{{declaredText}}</time> ({{ageText}} ago)</dd>
        {{#resolvedText}}<dt>Resolved</dt>\
        <dd><time datetime="{{resolvedAt}}">{{resolvedText}}</time>, after {{durationText}}</dd>{{/resolvedText}}
        {{#closedText}}<dt>Closed</dt><dd><time datetime="{{closedAt}}">{{closedText}}</time></dd>{{/closedText}}
        {{#priority}}<dt>Priority</dt><dd>{{priority}}</dd>{{/priority}}
        {{#category}}<dt>Category</dt><dd>{{category}}</dd>{{/category}}
        {{#servicesText}}<dt>Services</dt><dd>{{servicesText}}</dd>{{/servicesText}}
        </dl>
        {{/page.incident}}
        <section>
        <h2>Updates</h2>
        {{#page.updates}}<div class="update"><time datetime="{{time}}">{{timeText}}</time><p>{{text}}</p></div>
        {{/page.updates}}
        {{^page.updates}}<p class="none">No update posted yet.</p>{{/page.updates}}
        </section>
        {{#page.review}}
        <section>
        <h2>Review summary</h2>
        <dl class="facts">
        {{#measures}}<dt>{{label}}</dt><dd>{{value}}</dd>
        {{/measures}}
        {{#rootCause}}<dt>Root cause</dt><dd>{{rootCause}}</dd>{{/rootCause}}
        {{#resolution}}<dt>Resolution</dt><dd>{{resolution}}</dd>{{/resolution}}
        <dt>Follow-up actions</dt><dd>{{followUps}} ({{followUpsOpen}} open)</dd>
        </dl>
        </section>
        {{/page.review}}
        <section>
        <h2>History</h2>
        <ol class="history">
        {{#page.history}}<li><time datetime="{{time}}">{{timeText}}</time> {{text}}{{#by}} <span class="by">— {{by}}</span>{{/by}}</li>
        {{/page.history}}
        </ol>
        </section>
        {{/main}}
        {{/layout}}
        """

    static let timeline = """
        {{<layout}}
        {{$title}}{{page.incident.name}} timeline (internal) · {{site.title}}{{/title}}
        {{$main}}
        <p class="crumbs"><a href="{{page.incident.url}}">← Public page</a></p>
        <h1>{{page.incident.name}} · {{page.incident.title}}</h1>
        <p class="meta">{{#page.incident}}{{>badges}}{{/page.incident}} <span>full timeline: transcript, notes and lifecycle</span></p>
        <p>{{#page.truncated}}Showing the last {{page.limit}} entries. {{/page.truncated}}\
        <a href="{{page.incident.url}}/review">Review draft</a> · <a href="/api{{page.incident.url}}/timeline">JSON</a></p>
        <div class="scroll">
        <table class="transcript">
        <thead><tr><th>#</th><th>Time (UTC)</th><th>Kind</th><th>Who</th><th>Text</th></tr></thead>
        <tbody>
        {{#page.entries}}<tr class="k-{{kind}}{{#keyEvent}} key{{/keyEvent}}"><td>{{sequence}}</td>\
        <td><time datetime="{{time}}">{{timeText}}</time></td><td>{{kind}}</td><td>{{author}}</td><td>{{text}}</td></tr>
        {{/page.entries}}
        </tbody>
        </table>
        </div>
        <h2>Pages</h2>
        {{#page.hasPages}}<div class="scroll">
        <table class="pages">
        <thead><tr><th>Time (UTC)</th><th>Person</th><th>Method</th><th>To</th><th>Step</th><th>Status</th></tr></thead>
        <tbody>
        {{/page.hasPages}}{{#page.pages}}<tr class="p-{{status}}"><td><time datetime="{{queuedAt}}">{{queuedText}}</time></td>\
        <td>{{person}}</td><td>{{method}}</td><td>{{address}}</td><td>{{step}}</td><td>{{status}}{{#reason}}: {{reason}}{{/reason}}</td></tr>
        {{/page.pages}}{{#page.hasPages}}</tbody>
        </table>
        </div>{{/page.hasPages}}
        {{^page.hasPages}}<p class="none">Nobody paged.</p>{{/page.hasPages}}
        {{/main}}
        {{/layout}}
        """

    static let error = """
        {{<layout}}
        {{$title}}{{page.heading}} · {{site.title}}{{/title}}
        {{$main}}
        <h1>{{page.heading}}</h1>
        <p>{{page.reason}}</p>
        <p><a href="/">Back to the status page</a></p>
        {{/main}}
        {{/layout}}
        """

    /// Small, readable on a phone, light and dark. Severity colours: SEV1 red, SEV2 orange, SEV3 yellow, SEV4 blue.
    static let style = """
        :root{color-scheme:light dark;--fg:#1d2330;--muted:#5b6475;--bg:#f6f7f9;--card:#fff;--line:#dde1e8;\
        --sev1:#c62828;--sev2:#e8710a;--sev3:#b8860b;--sev4:#1e6fd9;--ok:#2e7d32}
        @media (prefers-color-scheme:dark){:root{--fg:#e6e9ef;--muted:#9aa3b2;--bg:#14171c;--card:#1d2129;--line:#2c323d}}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
        header,main,footer{max-width:52rem;margin:0 auto;padding:0 1rem}
        header{padding-top:1rem;padding-bottom:.5rem;border-bottom:1px solid var(--line)}
        .site{font-weight:700;font-size:1.15rem;color:var(--fg);text-decoration:none}
        .tag{font-size:.75rem;background:var(--sev2);color:#fff;border-radius:4px;padding:.1rem .4rem;vertical-align:middle}
        h1{font-size:1.3rem;margin:1.5rem 0 .75rem}
        h2{font-size:1.05rem;margin:0 0 .35rem}
        section h2{margin-top:1.5rem}
        a{color:var(--sev4)}
        .card{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--muted);border-radius:8px;\
        padding:.8rem 1rem;margin:0 0 .75rem}
        .card h2 a{color:var(--fg);text-decoration:none}
        .card.sev1{border-left-color:var(--sev1)}.card.sev2{border-left-color:var(--sev2)}
        .card.sev3{border-left-color:var(--sev3)}.card.sev4{border-left-color:var(--sev4)}
        .card.resolved{border-left-color:var(--ok)}
        .meta{display:flex;flex-wrap:wrap;gap:.35rem .8rem;align-items:center;color:var(--muted);font-size:.9rem;margin:.2rem 0}
        .sev,.state{font-size:.78rem;font-weight:700;border-radius:4px;padding:.05rem .45rem;color:#fff;background:var(--muted)}
        .sev.sev1{background:var(--sev1)}.sev.sev2{background:var(--sev2)}
        .sev.sev3{background:var(--sev3)}.sev.sev4{background:var(--sev4)}
        .state{background:transparent;color:var(--fg);border:1px solid var(--line);font-weight:600}
        .state.resolved,.state.closed{color:var(--ok);border-color:var(--ok)}
        .status{margin:.4rem 0 0;overflow-wrap:anywhere}
        .status time,.update time,.history time{color:var(--muted);font-size:.85rem;white-space:nowrap}
        .none{color:var(--muted)}
        .clear{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--ok);border-radius:8px;\
        padding:.8rem 1rem}
        .facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}
        .facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
        .update{border-left:3px solid var(--line);padding:.1rem 0 .1rem .75rem;margin:.6rem 0}
        .update p{margin:.1rem 0;overflow-wrap:anywhere}
        .history{padding-left:1.2rem}.history li{margin:.25rem 0;overflow-wrap:anywhere}.by{color:var(--muted)}
        .crumbs{margin:1rem 0 0;font-size:.9rem}
        .scroll{overflow-x:auto}
        .transcript{border-collapse:collapse;font-size:.85rem;width:100%}
        .transcript th,.transcript td{border-bottom:1px solid var(--line);padding:.2rem .4rem;text-align:left;vertical-align:top}
        .transcript td:last-child{overflow-wrap:anywhere}.transcript tr.key{background:rgba(232,113,10,.12)}
        .transcript tr.k-lifecycle,.transcript tr.k-update{font-weight:600}
        footer{color:var(--muted);font-size:.8rem;margin-top:2rem;padding-bottom:2rem}
        """
}
