import HookSpecCore
import Testing

@testable import HookSpecProbe

@Suite("Probe case catalog invariants (SPEC §9.1)")
struct CatalogTests {
    let catalog = ProbeCatalog.all
    let v1 = ProbeCatalog.cases(for: .v1)

    @Test func idsAreUniqueAndShapedGroupSlashNumber() {
        let ids = catalog.map(\.id)
        #expect(Set(ids).count == ids.count)
        for probeCase in catalog {
            let parts = probeCase.id.split(separator: "/")
            #expect(parts.count == 2 && parts[0] == probeCase.group.rawValue && Int(parts[1]) != nil, "\(probeCase.id)")
        }
    }

    @Test func numbersRunWithoutGapsInEachGroup() {
        for group in ProbeGroup.allCases {
            let numbers = catalog.filter { $0.group == group }.compactMap { Int($0.id.split(separator: "/")[1]) }
            #expect(numbers == Array(1...max(1, numbers.count)), "\(group.rawValue): \(numbers)")
        }
    }

    @Test func atLeastEightyDefaultCasesAndEveryGroupPresent() {
        #expect(v1.filter { !$0.isLargeBody }.count >= 80)
        #expect(catalog.count >= 210, "the catalog lists \(catalog.count) cases")
        #expect(catalog.count { $0.group == .v1a } >= 25)
        #expect(catalog.count { $0.group == .jwt } >= 40)
        for scheme in ProbeScheme.allCases {
            #expect(ProbeCatalog.cases(for: scheme).first?.group == .baseline, "\(scheme): the baseline runs first")
        }
        for group in ProbeGroup.allCases {
            #expect(catalog.contains { $0.group == group }, "group \(group.rawValue) has no case")
        }
        #expect(catalog.first?.group == .baseline, "the baseline runs first (SPEC §9.3)")
    }

    @Test func everyCaseHasTitleRuleReferenceAndAcceptedAnswers() {
        for probeCase in catalog {
            #expect(!probeCase.title.isEmpty && !probeCase.rule.isEmpty, "\(probeCase.id)")
            #expect(probeCase.reference.contains("SPEC §") || probeCase.reference.contains("RFC") || probeCase.reference.contains("Standard Webhooks"), "\(probeCase.id): \(probeCase.reference)")
            if probeCase.expectation.mode == .tolerate { #expect(!probeCase.expectation.alsoAccepted.isEmpty, "\(probeCase.id)") }
            if probeCase.expectation.mode == .deliver { #expect(probeCase.expectation.preferred == .success) }
        }
    }

    @Test func everySpecSection94ItemIsCovered() {
        let titles = catalog.map { $0.title.lowercased() }
        for needle in ["`nan`", "`inf`", "padding", "prefix", "decoy", "without a comma", "two commas", "empty entry", "title-case", "reverse order", "\\u", "trailing newline", "invalid utf-8", "empty body", "unknown event type", "batch.completed", "exact replay", "must not reveal the expected signature", "stack trace", "within 2 s", "16 mib"] {
            #expect(titles.contains { $0.contains(needle.lowercased()) }, "no case for \(needle)")
        }
        // Every row of SPEC §5's table.
        for type in ["batch.succeeded", "batch.cancelled", "batch.expired", "batch.failed", "interaction.requires_action", "interaction.completed", "interaction.failed", "interaction.cancelled", "video.generated", "batch.completed"] {
            #expect(catalog.contains { $0.group == .env && $0.title.contains(type) }, "no env case for \(type)")
        }
    }

    @Test(arguments: ProbeScheme.allCases)
    func everyCaseUsesFreshIdsExceptReplay(_ scheme: ProbeScheme) throws {
        var seen: [String: String] = [:]
        for probeCase in ProbeCatalog.cases(for: scheme) where !probeCase.isLargeBody {
            let context = CaseContext(keys: testKeys(scheme), now: 1_800_000_000, runToken: "t0", caseID: probeCase.id, attackerJWKSURL: "http://127.0.0.1:9/attacker/jwks.json")
            let ids = try probeCase.build(context).compactMap(\.webhookID)
            if probeCase.group == .replay {
                #expect(Set(ids).count == 1, "\(probeCase.id) replays one id")
            }
            for id in Set(ids) {
                #expect(seen[id] == nil, "\(probeCase.id) reuses the id of \(seen[id] ?? "")")
                seen[id] = probeCase.id
            }
        }
        // Another run token gives other ids (fresh across runs).
        let first = catalog[0]
        let a = try first.build(CaseContext(keys: testKeys(scheme), now: 1, runToken: "aa", caseID: first.id))[0].webhookID
        let b = try first.build(CaseContext(keys: testKeys(scheme), now: 1, runToken: "bb", caseID: first.id))[0].webhookID
        #expect(a != b)
    }

    @Test(arguments: ProbeScheme.allCases)
    func validCasesReallyVerifyUnderTheCoreAndForgedOnesDoNot(_ scheme: ProbeScheme) throws {
        // The catalog's own claims, checked against the strict core of the run's scheme: what it
        // calls a valid delivery verifies, and what must be refused does not.
        let now: Int64 = 1_800_000_000
        let keys = testKeys(scheme)
        for probeCase in ProbeCatalog.cases(for: scheme) where !probeCase.isLargeBody {
            let context = CaseContext(keys: keys, now: now, runToken: "t1", caseID: probeCase.id, attackerJWKSURL: "http://127.0.0.1:9/attacker/jwks.json")
            let requests = try probeCase.build(context)
            guard let last = requests.last else { continue }
            let verdict = strictCoreAccepts(last.request, keys: keys, changes: requests.compactMap(\.jwksChange), now: now)
            if probeCase.expectation.mode == .deliver, case .failure(let rejection) = verdict {
                Issue.record("\(probeCase.id) is meant valid but the strict \(scheme.rawValue) core says \(rejection)")
            }
            if probeCase.expectation.mode == .reject, case .success = verdict {
                Issue.record("\(probeCase.id) must be refused but verifies under the strict \(scheme.rawValue) core")
            }
        }
    }

    @Test func selectionByPrefix() {
        let selection = CaseSelection(only: ["sig", "ts/3"], skip: ["sig/2"])
        let selected = catalog.filter { selection.exclusionReason(for: $0) == nil }.map(\.id)
        #expect(selected.contains("sig/1") && selected.contains("ts/3") && !selected.contains("sig/2"))
        #expect(!selected.contains("ts/30") && !selected.contains("ts/1") && !selected.contains("hdr/1"))
        #expect(selected.contains("baseline/1"), "--only keeps the baseline (SPEC §9.3)")
        #expect(!selected.contains("body/23"), "large bodies are opt-in")
        #expect(CaseSelection(largeBodies: true).exclusionReason(for: catalog.first { $0.id == "body/23" }!) == nil)
        #expect(CaseSelection(skip: ["baseline"]).exclusionReason(for: catalog[0]) != nil)
        #expect(CaseSelection(only: ["nope", "sig"]).unknownPrefixes(in: catalog) == ["nope"])
        #expect(!ProbeCatalog.matches("ts/30", prefix: "ts/3"))
    }
}
