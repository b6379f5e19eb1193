import Foundation
import Rules
import Testing
import TicketTriage

@Suite struct PackLoadingTests {
    @Test func malformedRegressionTicketsAreReportedByTestAndLintButDoNotStopLoading() throws {
        var contents = BundledDefaults.rulePack.contents.filter { $0.key == "pack.yaml" || $0.key.hasPrefix("lexicons/") }
        contents["test.yaml"] = Array("rules:\n  - {id: cut, flags: [urgent], when: 停电, examples: {match: [停电], no_match: [来电]}}\n".utf8)
        contents["tests/bad.yaml"] = Array("- {text: 停電了, colour: red}\n".utf8)
        let engine = try TriageEngine(files: PackFiles(root: "pack", contents: contents))
        #expect(engine.classify("我家停電了").flags == ["urgent"])
        #expect(throws: DiagnosticsError.self) { try engine.pack.runTests() }
        #expect(engine.pack.lint().contains { $0.path == "pack/tests/bad.yaml" && $0.line == 1 && $0.message.contains("colour") })
    }

    @Test("Malformed packs are rejected with path:line:col and what to do", arguments: [
        ("rules:\n  - id: a\n    when: [停电\n", "pack/test.yaml:4:1: error: not valid YAML"),
        ("rules:\n  - id: a\n    colour: red\n    when: 停电\n    examples: {match: [停电], no_match: [来电]}\n    flags: [urgent]\n", "pack/test.yaml:3:5: error: unknown key ‘colour’ in a rule"),
        ("rules:\n  - id: a\n    category: [billing]\n    when: 停电\n    examples: {match: [停电], no_match: [来电]}\n", "pack/test.yaml:3:15: error: category must be text, not a list"),
        ("rules:\n  - id: a\n    category: bills\n    when: 停电\n    examples: {match: [停电], no_match: [来电]}\n", "pack/test.yaml:2:5: error: rule a: unknown category bills"),
        ("rules:\n  - id: a\n    category: billing\n    subcategory: voltage\n    when: 停电\n    examples: {match: [停电], no_match: [来电]}\n", "pack/test.yaml:2:5: error: rule a: subcategory voltage does not belong to billing"),
        ("sets:\n  a: [\"@b\"]\n  b: [\"@a\"]\nrules:\n  - {id: x, flags: [urgent], when: \"@a\", examples: {match: [x], no_match: [y]}}\n", "error: the synonym sets refer to each other in a cycle: @a → @b → @a"),
        ("rules:\n  - {id: x, flags: [urgent], when: \"\", examples: {match: [x], no_match: [y]}}\n", "pack/test.yaml:2:36: error: empty term"),
        ("rules:\n  - {id: x, flags: [urgent], when: {regex: \"电(费\"}, examples: {match: [x], no_match: [y]}}\n", "pack/test.yaml:2:47: error: invalid regular expression: U_REGEX_MISMATCHED_PAREN"),
        ("rules:\n  - {id: x, category: billing, when: {all: [电费, {context: {channel: phone}}]}, examples: {match: [x], no_match: [y]}}\n", "error: rule x sets a category but tests context"),
        ("rules:\n  - {id: x, flags: [urgent], when: 电费, examples: {match: [x]}}\n", "pack/test.yaml:2:50: error: examples needs a ‘no_match’ key"),
        ("rules:\n  - {id: x, flags: [urgent], when: 电费, examples: {match: [x], no_match: [y]}}\n  - {id: x, flags: [urgent], when: 电费, examples: {match: [x], no_match: [y]}}\n", "pack/test.yaml:3:5: error: duplicate rule id x"),
        ("rules:\n  - {id: x, flags: [urgent], when: \"@missing\", examples: {match: [x], no_match: [y]}}\n", "pack/test.yaml:2:36: error: no synonym set @missing is defined"),
    ])
    func malformed(yaml: String, expected: String) {
        let found = diagnostics(rules: Array(yaml.utf8))
        #expect(found.contains { $0.contains(expected) }, "\(found)")
    }

    @Test func invalidUTF8InAPackFile() {
        let found = diagnostics(rules: Array("rules:\n  - id: 电".utf8) + [0xFF])
        #expect(found == ["pack/test.yaml:2:10: error: invalid UTF-8; save the file as UTF-8"])
    }

    @Test func aBrokenPackLeavesThePreviousOneServing() throws {
        let holder = EngineHolder(try TriageEngine.bundled())
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("name: broken\n".utf8).write(to: folder.appendingPathComponent("pack.yaml"))
        #expect(throws: DiagnosticsError.self) { try holder.reload(rulesDirectory: folder.path) }
        #expect(holder.engine.classify("我家没电了，邻居家都有电").category == "fault_repair")
    }
}

@Suite struct DecisionTests {
    static let rules = """
    rules:
      - {id: fault, category: fault_repair, when: 没电, examples: {match: [没电], no_match: [有电]}}
      - {id: outage, category: outage_query, when: 小区, examples: {match: [小区], no_match: [家里]}}
      - {id: strong_outage, category: outage_query, priority: 5, when: 整个小区, examples: {match: [整个小区], no_match: [小区]}}
      - {id: warned, flags: [abusive], when: {context: {abuseWarnings: {min: 1}}}, examples: {match: [{text: 你好, context: {abuseWarnings: 2}}], no_match: [你好]}}
    """

    @Test func orderAndPriorityComeFromThePack() throws {
        let engine = try pack(rules: Self.rules)
        #expect(engine.classify("小区没电").rules.map(\.id) == ["fault", "outage"])
        #expect(engine.classify("整个小区没电").rules.first?.id == "strong_outage")
        let reordered = try pack(rules: Self.rules) { $0.replacingOccurrences(of: "order: [complaint, urging, report, fault_repair, outage_query,", with: "order: [complaint, urging, report, outage_query, fault_repair,") }
        #expect(reordered.classify("小区没电").category == "outage_query")
        #expect(engine.classify("谢谢").category == "other")
    }

    @Test func contextShapesFlagsNeverTheCategory() throws {
        let engine = try pack(rules: Self.rules)
        var context = TicketContext()
        context.abuseWarnings = 1
        #expect(engine.classify("没电", context: context).flags == ["abusive"])
        #expect(engine.classify("没电", context: context).category == engine.classify("没电").category)
    }

    @Test func regexIsBoundedInTime() throws {
        let engine = try pack(rules: """
        rules:
          - {id: catastrophic, flags: [urgent], when: {regex: "(a+)+$"}, examples: {match: [aaa], no_match: [bbb]}}
          - {id: meter_number, flags: [urgent], when: {regex: "表号\\\\d{6}"}, examples: {match: [表号123456], no_match: [表号12]}}
        """)
        let clock = ContinuousClock()
        let elapsed = clock.measure { _ = engine.classify(String(repeating: "a", count: 40) + "!") }
        #expect(elapsed < .seconds(2))
        #expect(engine.fired("我的表号123456") == ["meter_number"])
    }

    @Test func batchKeepsInputOrderOnAllCores() throws {
        let engine = try TriageEngine.bundled()
        let texts = (0..<5_000).map { $0 % 3 == 0 ? "我家没电了\($0)" : $0 % 3 == 1 ? "電費怎麼交\($0)" : "གློག་གླ་ག་ཚོད་རེད། \($0)" }
        var results: [String] = []
        engine.classifyInOrder(texts, jobs: 4, chunkSize: 512, transform: { engine, text in text + "→" + engine.classify(text).category }) { results.append($0) }
        #expect(results.map { String($0.split(separator: "→")[0]) } == texts)
        #expect(results == texts.map { $0 + "→" + engine.classify($0).category })
    }
}
