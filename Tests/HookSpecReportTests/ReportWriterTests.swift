import Foundation
import SurefireSchemaValidation
import Testing
@testable import HookSpecReport

/// A report with every outcome kind and hostile characters in every field.
private func trickyReport() -> TestReport {
    let nasty = "a<b>&c\"d'e ]]> \u{0}\u{1}\u{8}\u{B}\u{C}\u{1B}[31m \u{FFFE}\u{FFFF} tab\there\r\nnext Zoë 😀 e\u{301} | `tick` </testsuite>"
    let cases = [
        ReportCase(id: "V1", title: "plain pass", className: "standard-webhooks", outcome: .passed, durationSeconds: 0.0123),
        ReportCase(id: "V2", title: "acceptable \(nasty)", className: "wycheproof", outcome: .passed,
                   verdictLabel: "ACCEPTABLE", properties: [ReportProperty("note", nasty)]),
        ReportCase(id: "sig/3", title: "failure \(nasty)", className: "sig",
                   outcome: .failed(message: "message \(nasty)", detail: "detail \(nasty)"),
                   durationSeconds: .nan, properties: [ReportProperty("severity", "high"), ReportProperty("reference", "SPEC §3.1")],
                   systemOut: "curl -X POST 'http://127.0.0.1/hook' -H 'webhook-signature: v1,…' \(nasty)", severity: .high),
        ReportCase(id: "net/1", title: "error", className: "net",
                   outcome: .error(message: "connection refused \(nasty)", detail: "\(nasty)"), durationSeconds: -3),
        ReportCase(id: "skip/1", title: "skipped", className: "skip", outcome: .skipped(message: "no key \(nasty)"),
                   verdictLabel: "INCONCLUSIVE", durationSeconds: .infinity),
    ]
    return TestReport(
        name: "writer test \(nasty)",
        suites: [
            ReportSuite(name: "all kinds \(nasty)", cases: cases, properties: [ReportProperty("suite-note", nasty)]),
            ReportSuite(name: "empty suite", cases: []),
        ],
        properties: [ReportProperty("version", "0.1.0"), ReportProperty("catalog", nasty)],
        timestamp: "2026-11-23T07:45:00Z")
}

private func scratchDirectory() -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("hookspec-report-tests-\(UUID().uuidString)")
}

@Suite struct JUnitWriterTests {
    @Test func everyTestsuiteValidatesAgainstSurefireSchema() async throws {
        let validator = try SurefireSchemaValidator.make()
        let xml = JUnitWriter().render(trickyReport())
        let scratch = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        #expect(SurefireSchemaValidator.suiteDocuments(of: xml).count == 2)
        let problems = try await validator.problems(inJUnit: xml, scratch: scratch)
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func validatorRejectsATestsuiteMissingRequiredCounts() async throws {
        // Proves the schema check can fail: `tests` is required by the Surefire schema.
        let validator = try SurefireSchemaValidator.make()
        let xml = "<testsuites><testsuite name=\"x\" errors=\"0\" skipped=\"0\" failures=\"0\"></testsuite></testsuites>"
        let scratch = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let problems = try await validator.problems(inJUnit: xml, scratch: scratch)
        #expect(problems.count == 1)
    }

    @Test func countsAndChildElements() {
        let xml = JUnitWriter().render(trickyReport())
        #expect(xml.contains("<testsuites name=\"writer test"))
        #expect(xml.contains("tests=\"5\" errors=\"1\" skipped=\"1\" failures=\"1\""))
        #expect(xml.contains("<failure message=\"message a&lt;b&gt;&amp;c&quot;d'e ]]&gt; \\u{0}\\u{1}\\u{8}\\u{B}\\u{C}\\u{1B}[31m \\u{FFFE}\\u{FFFF} tab&#9;here&#13;&#10;next"))
        #expect(xml.contains("type=\"FAIL\""))
        #expect(xml.contains("<skipped message=\"no key"))
        #expect(xml.contains("<error message=\"connection refused"))
        #expect(xml.contains("<property name=\"version\" value=\"0.1.0\"/>"))
        #expect(xml.contains("verdict: ACCEPTABLE"))
        #expect(xml.contains("name=\"sig/3 failure"))
        #expect(xml.contains("classname=\"sig\""))
        // Non-finite and negative durations never produce an invalid xs:float.
        #expect(!xml.contains("nan") && !xml.contains("inf\"") && !xml.contains("time=\"-"))
        #expect(!xml.unicodeScalars.contains { !XMLEscaping.isAllowed($0) })
    }

    @Test func attributeValuesRoundTripThroughAParser() async throws {
        let validator = try SurefireSchemaValidator.make()
        let scratch = scratchDirectory()
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let message = "line1\nline2\ttab \"q\" <&> \r end"
        let report = TestReport(
            name: "r", suites: [ReportSuite(name: "s", cases: [
                ReportCase(id: "c", title: "t", className: "s", outcome: .failed(message: message, detail: "d")),
            ])], timestamp: "not a date")
        let file = scratch.appendingPathComponent("r.xml")
        try JUnitWriter().write(report, to: file.path)
        let outcome = try await validator.run(["--xpath", "string(//failure/@message)", file.path])
        #expect(outcome.status == 0)
        // xmllint ends its --xpath output with one newline of its own.
        #expect(outcome.output.dropLast() == message[...])
        // An invalid timestamp is left out rather than written.
        #expect(try !String(contentsOf: file, encoding: .utf8).contains("not a date"))
    }

    @Test(arguments: [
        ("2026-11-23T07:45:00Z", true), ("2026-11-23T07:45:00.123+01:00", true), ("2026-11-23T07:45:00", true),
        ("2026-11-23 07:45:00Z", false), ("yesterday", false), ("2026-11-23T07:45:00+0100", false), ("", false),
    ])
    func dateTimeLexicalCheck(text: String, valid: Bool) {
        #expect(JUnitWriter.isXSDDateTime(text) == valid)
    }

    @Test func decimalSeconds() {
        #expect(DecimalSeconds.text(0) == "0.000")
        #expect(DecimalSeconds.text(1.2345) == "1.235")
        #expect(DecimalSeconds.text(0.05) == "0.050")
        #expect(DecimalSeconds.text(.nan) == "0.000")
        #expect(DecimalSeconds.text(-1) == "0.000")
    }
}

@Suite struct OtherWriterTests {
    @Test func jsonCarriesPropertiesTotalsAndEveryCase() throws {
        let text = JSONReportWriter().render(trickyReport())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["format"] as? String == JSONReportWriter.format)
        let properties = try #require(object["properties"] as? [[String: String]])
        #expect(properties.first == ["name": "version", "value": "0.1.0"])
        let totals = try #require(object["totals"] as? [String: Any])
        #expect(totals["tests"] as? Int == 5)
        #expect(totals["failures"] as? Int == 1)
        #expect(totals["errors"] as? Int == 1)
        #expect(totals["skipped"] as? Int == 1)
        let suites = try #require(object["suites"] as? [[String: Any]])
        let cases = try #require(suites.first?["cases"] as? [[String: Any]])
        #expect(cases.map { $0["outcome"] as? String } == ["passed", "passed", "failed", "error", "skipped"])
        #expect(cases.map { $0["verdict"] as? String } == ["PASS", "PASS", "FAIL", "ERROR", "INCONCLUSIVE"])
        #expect(cases[1]["label"] as? String == "ACCEPTABLE")
        let verdicts = try #require(totals["verdicts"] as? [String: Int])
        #expect(verdicts == ["PASS": 2, "FAIL": 1, "NON-STRICT": 0, "WRONG-CODE": 0, "INFO": 0, "INCONCLUSIVE": 1, "ERROR": 1, "SKIPPED": 0])
        // The hostile text survives JSON exactly, control characters included.
        #expect((cases[2]["message"] as? String)?.hasPrefix("message a<b>&c\"d'e ]]> \u{0}\u{1}") == true)
    }

    @Test func markdownHasTotalsThenFailuresWithDetail() {
        let text = MarkdownReportWriter().render(trickyReport())
        #expect(text.hasPrefix("## writer test"))
        #expect(text.contains(": FAIL\n"))
        #expect(text.contains("| suite | cases | PASS | FAIL | INCONCLUSIVE | ERROR |"))
        #expect(text.contains("| **total** | 5 | 2 | 1 | 1 | 1 |"))
        #expect(text.contains("**5 cases: 2 PASS, 1 FAIL, 1 INCONCLUSIVE, 1 ERROR**"))
        #expect(text.contains("### Findings (1)"))
        #expect(text.contains("#### FAIL `sig/3`"))
        #expect(text.contains("### Errors"))
        #expect(text.contains("#### ERROR `net/1`"))
        #expect(text.contains("### Not conclusive"))
        #expect(text.contains("- severity: `high`"))
        // A pipe in a suite name cannot break the table; ESC cannot reach the page.
        #expect(text.contains("| all kinds a&lt;b&gt;&amp;c"))
        #expect(text.contains("Zoë 😀 e\u{301} \\| \\`tick\\` &lt;/testsuite&gt; | 5 | 2 | 1 | 1 | 1 |"))
        #expect(!text.contains("\u{1B}"))
        let passingOnly = TestReport(name: "ok", suites: [ReportSuite(name: "s", cases: [
            ReportCase(id: "a", title: "", className: "s", outcome: .passed)])], timestamp: "")
        let passing = MarkdownReportWriter().render(passingOnly)
        #expect(passing.contains(": PASS\n") && !passing.contains("### Failures"))
    }

    @Test func terminalSummaryColourIsTheCallersSwitch() {
        let plain = TerminalSummaryWriter(useColor: false).render(trickyReport())
        #expect(!plain.contains("\u{1B}"), "hostile ESC or colour codes leaked into plain output")
        #expect(plain.contains("FAIL  [high] sig/3 failure"))
        #expect(plain.contains("FAIL  5 cases: 2 PASS, 1 FAIL, 1 INCONCLUSIVE, 1 ERROR\n"))
        #expect(!plain.contains("V1 plain pass"))
        let coloured = TerminalSummaryWriter(useColor: true, listPassed: true).render(trickyReport())
        #expect(coloured.contains("\u{1B}[31mFAIL\u{1B}[0m"))
        #expect(coloured.contains("V1 plain pass"))
        #expect(!coloured.contains("\u{1B}[31m \u{FFFE}"), "content ESC must be neutralised even with colour on")
    }

    @Test func asciiEscapedKeepsOnlyPrintableASCIIAndBoundsLength() {
        #expect(TerminalText.asciiEscaped("msg_1") == "msg_1")
        #expect(TerminalText.asciiEscaped("a\u{1B}[31m\\b\u{7F}é\u{202E}") == "a\\x1B[31m\\x5Cb\\x7F\\xC3\\xA9\\xE2\\x80\\xAE")
        #expect(TerminalText.asciiEscaped(String(repeating: "x", count: 81)) == String(repeating: "x", count: 80) + "…")
        #expect(TerminalText.asciiEscaped(String(repeating: "x", count: 80)) == String(repeating: "x", count: 80))
        #expect(TerminalText.asciiEscaped(String(repeating: "\u{1}", count: 30), maximumLength: 8) == "\\x01\\x01…")
    }

    @Test func textTableAlignsColumns() {
        let table = TextTable(headings: ["suite", "n"], rows: [["a", "1"], ["long name", "100"]], rightAligned: [1]).render()
        #expect(table == "suite        n\n---------  ---\na            1\nlong name  100\n")
    }
}
