/// A self-contained HTML report for reviewers (SPEC §9.7): the run's verdict and counts, filters
/// by verdict and severity, the findings first, then every case with what was sent, what came
/// back, the rule and the reproduction. CSS and script are inline and a Content-Security-Policy
/// forbids every fetch, so the file works offline and leaks nothing when opened; every piece of
/// text is escaped, because answer bodies come from the receiver under test.
public struct HTMLReportWriter: Sendable {
    /// A writer; it has no settings.
    public init() {}

    /// The whole page.
    public func render(_ report: TestReport) -> String {
        let totals = report.totals
        let overview = report.overview
        let overall = totals.overallVerdict.rawValue
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>" + e(report.name) + ": " + overall + "</title>\n<style>" + Self.style + "</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>" + e(report.name) + ": <span class=\"verdict v-" + overall + "\" id=\"overall\">" + overall + "</span></h1>\n"
        if let target = report.target { out += "<p>Target: <code id=\"target\">" + e(target) + "</code></p>\n" }
        if !report.timestamp.isEmpty { out += "<p>Started: " + e(report.timestamp) + "</p>\n" }
        if !report.properties.isEmpty {
            out += "<details><summary>Run properties</summary>\n<table class=\"props\">\n"
            for property in report.properties {
                out += "<tr><th>" + e(property.name) + "</th><td><code>" + e(property.value) + "</code></td></tr>\n"
            }
            out += "</table>\n</details>\n"
        }
        out += "</header>\n"

        out += "<section id=\"summary\">\n<h2>Summary</h2>\n"
        out += "<p id=\"total-line\"><strong>\(totals.tests) cases: " + e(totals.verdictSummary) + "</strong></p>\n"
        out += "<table id=\"counts\">\n<tr><th>verdict</th><th>cases (report)</th><th>cases (on this page)</th></tr>\n"
        for verdict in ReportVerdict.allCases {
            out += "<tr><td><span class=\"verdict v-" + verdict.rawValue + "\">" + verdict.rawValue + "</span></td>"
            out += "<td class=\"num\" data-count-verdict=\"" + verdict.rawValue + "\">\(totals.count(verdict))</td>"
            out += "<td class=\"num\" data-dom-count-verdict=\"" + verdict.rawValue + "\"></td></tr>\n"
        }
        out += "<tr><th>total</th><th class=\"num\" id=\"count-total\">\(totals.tests)</th><th class=\"num\" id=\"dom-count-total\"></th></tr>\n</table>\n"
        if let unreachable = overview.unreachable {
            out += "<p class=\"unreachable\" id=\"unreachable\"><span class=\"verdict v-ERROR\">ERROR</span> " + e(unreachable.sentence) + "</p>\n"
        }
        out += "</section>\n"

        out += "<section id=\"filters\">\n<h2>Filters</h2>\n<fieldset><legend>Verdict</legend>\n"
        for verdict in ReportVerdict.allCases where totals.count(verdict) > 0 {
            out += "<label><input type=\"checkbox\" class=\"filter\" data-kind=\"verdict\" value=\"" + verdict.rawValue + "\" checked> "
            out += verdict.rawValue + " (\(totals.count(verdict)))</label>\n"
        }
        out += "</fieldset>\n<fieldset><legend>Severity</legend>\n"
        var severities: [String] = ReportSeverity.allCases.map(\.rawValue)
        severities.append("none")
        let allCases = report.suites.flatMap(\.cases)
        for severity in severities {
            let count = allCases.filter { ($0.severity?.rawValue ?? "none") == severity }.count
            guard count > 0 else { continue }
            out += "<label><input type=\"checkbox\" class=\"filter\" data-kind=\"severity\" value=\"" + severity + "\" checked> "
            out += severity + " (\(count))</label>\n"
        }
        out += "</fieldset>\n<p>Showing <span id=\"shown-count\">\(totals.tests)</span> of \(totals.tests) cases.</p>\n</section>\n"

        var anchors: [String: String] = [:]
        var number = 0
        for suite in report.suites {
            for reportCase in suite.cases where anchors[suite.name + "\u{0}" + reportCase.id] == nil {
                number += 1
                anchors[suite.name + "\u{0}" + reportCase.id] = "case-\(number)"
            }
        }
        func anchor(_ entry: ReportOverview.Entry) -> String { anchors[entry.suite + "\u{0}" + entry.reportCase.id] ?? "" }

        out += "<section id=\"findings\">\n<h2>Findings (\(overview.findings.count))</h2>\n"
        if overview.findings.isEmpty {
            out += "<p>No FAIL, NON-STRICT or WRONG-CODE case.</p>\n"
        } else {
            out += "<ol>\n"
            for entry in overview.findings {
                let reportCase = entry.reportCase
                out += "<li class=\"finding\" data-case-id=\"" + e(reportCase.id) + "\"><a href=\"#" + anchor(entry) + "\">"
                out += "<span class=\"verdict v-" + reportCase.verdict.rawValue + "\">" + reportCase.verdict.rawValue + "</span> "
                if let severity = reportCase.severity { out += "<span class=\"sev s-" + severity.rawValue + "\">" + severity.rawValue + "</span> " }
                out += "<code>" + e(reportCase.id) + "</code> " + e(reportCase.title) + "</a>"
                let reason = reportCase.oneLineReason
                if !reason.isEmpty { out += ": " + e(reason) }
                out += "</li>\n"
            }
            out += "</ol>\n"
        }
        out += "</section>\n"

        out += "<section id=\"cases\">\n<h2>Cases</h2>\n"
        for suite in report.suites {
            out += "<h3>" + e(suite.name) + "</h3>\n"
            for reportCase in suite.cases {
                out += caseBlock(reportCase, suite: suite.name, id: anchor(ReportOverview.Entry(suite: suite.name, reportCase: reportCase)))
            }
        }
        out += "</section>\n<script>" + Self.script + "</script>\n</body>\n</html>\n"
        return out
    }

    /// Writes the page to `path`, creating its directory.
    public func write(_ report: TestReport, to path: String) throws(ReportWriteError) {
        try ReportFile.write(render(report), to: path)
    }

    private func caseBlock(_ reportCase: ReportCase, suite: String, id: String) -> String {
        let verdict = reportCase.verdict.rawValue
        var out = "<details class=\"case\" id=\"" + id + "\" data-verdict=\"" + verdict + "\" data-severity=\""
        out += (reportCase.severity?.rawValue ?? "none") + "\" data-case-id=\"" + e(reportCase.id) + "\""
        out += (reportCase.verdict.isFinding ? " open" : "") + ">\n<summary><span class=\"verdict v-" + verdict + "\">"
        out += e(reportCase.displayVerdict) + "</span> "
        if let severity = reportCase.severity { out += "<span class=\"sev s-" + severity.rawValue + "\">" + severity.rawValue + "</span> " }
        out += "<code>" + e(reportCase.id) + "</code> " + e(reportCase.title)
        let reason = reportCase.oneLineReason
        if !reason.isEmpty { out += " <span class=\"reason\">— " + e(reason) + "</span>" }
        out += "</summary>\n<dl>\n"
        if let rule = reportCase.rule {
            out += "<dt>Rule</dt><dd class=\"rule\">" + e(rule) + (reportCase.reference.map { " <cite>(" + e($0) + ")</cite>" } ?? "") + "</dd>\n"
        } else if let reference = reportCase.reference {
            out += "<dt>Reference</dt><dd><cite>" + e(reference) + "</cite></dd>\n"
        }
        if let expected = reportCase.expected { out += "<dt>Expected</dt><dd>" + e(expected) + "</dd>\n" }
        for property in reportCase.properties where !["severity", "reference", "rule", "expected"].contains(property.name) {
            out += "<dt>" + e(property.name) + "</dt><dd><code>" + e(property.value) + "</code></dd>\n"
        }
        out += "</dl>\n"
        for (index, exchange) in reportCase.exchanges.enumerated() {
            let of = reportCase.exchanges.count > 1 ? " (request \(index + 1) of \(reportCase.exchanges.count))" : ""
            out += "<h4>Sent" + of + "</h4>\n<pre class=\"sent\">" + e(exchange.requestText, keepNewlines: true) + "</pre>\n"
            out += "<h4>Came back</h4>\n<pre class=\"answer\">" + e(exchange.answerText, keepNewlines: true) + "</pre>\n"
        }
        if reportCase.exchanges.isEmpty, let detail = reportCase.outcome.detail, !detail.isEmpty {
            out += "<h4>Detail</h4>\n<pre>" + e(detail, keepNewlines: true) + "</pre>\n"
        }
        if let reproduction = reportCase.reproduction, !reproduction.isEmpty {
            out += "<h4>Reproduction</h4>\n<pre class=\"repro\">" + e(reproduction, keepNewlines: true) + "</pre>\n"
        } else if let systemOut = reportCase.systemOut, !systemOut.isEmpty {
            out += "<h4>Output</h4>\n<pre>" + e(systemOut, keepNewlines: true) + "</pre>\n"
        }
        return out + "</details>\n"
    }

    private func e(_ text: String, keepNewlines: Bool = false) -> String {
        HTMLEscaping.text(text, keepNewlines: keepNewlines)
    }

    private static let style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:72em;padding:0 1em;color:#1b1b1b}
        h1{font-size:1.5em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
        table{border-collapse:collapse}td,th{padding:.2em .7em;border-bottom:1px solid #eee;text-align:left}
        .num{text-align:right}pre{background:#f6f6f6;padding:.6em;overflow:auto;white-space:pre-wrap;word-break:break-all}
        .verdict{font-weight:600;padding:0 .35em;border-radius:3px;color:#fff;background:#666}
        .v-PASS{background:#2e7d32}.v-FAIL{background:#c62828}.v-NON-STRICT,.v-WRONG-CODE{background:#ef6c00}
        .v-ERROR{background:#6a1b9a}.v-INFO,.v-INCONCLUSIVE,.v-SKIPPED{background:#546e7a}
        .sev{font-size:.85em;border:1px solid #999;border-radius:3px;padding:0 .3em}.s-critical,.s-high{border-color:#c62828;color:#c62828}
        details.case{border:1px solid #ddd;border-radius:4px;margin:.4em 0;padding:.3em .7em}details.case[hidden]{display:none}
        .reason{color:#444}.unreachable{font-size:1.1em}fieldset{display:inline-block;margin-right:1em}label{margin-right:.8em}
        dt{font-weight:600}dd{margin:0 0 .4em 1.2em}
        """

    // Filters hide cases whose verdict or severity is unchecked; the per-verdict counts of the
    // cases on the page are filled in so that a reader (and the test) can compare them with the report's.
    private static let script = """
        (function(){
          var cases = Array.prototype.slice.call(document.querySelectorAll('details.case'));
          var boxes = Array.prototype.slice.call(document.querySelectorAll('input.filter'));
          function checked(kind){
            return boxes.filter(function(b){return b.dataset.kind===kind && b.checked;}).map(function(b){return b.value;});
          }
          function apply(){
            var verdicts = checked('verdict'), severities = checked('severity'), shown = 0;
            cases.forEach(function(c){
              var visible = verdicts.indexOf(c.dataset.verdict) >= 0 && severities.indexOf(c.dataset.severity) >= 0;
              c.hidden = !visible; if (visible) { shown++; }
            });
            document.getElementById('shown-count').textContent = String(shown);
          }
          boxes.forEach(function(b){ b.addEventListener('change', apply); });
          var counts = {};
          cases.forEach(function(c){ counts[c.dataset.verdict] = (counts[c.dataset.verdict] || 0) + 1; });
          Array.prototype.forEach.call(document.querySelectorAll('[data-dom-count-verdict]'), function(cell){
            cell.textContent = String(counts[cell.dataset.domCountVerdict] || 0);
          });
          document.getElementById('dom-count-total').textContent = String(cases.length);
          apply();
          document.body.setAttribute('data-rendered', 'yes');
        })();
        """
}
