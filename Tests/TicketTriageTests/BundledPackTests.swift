import Testing
import TicketTriage

/// The default pack passes its own checks: what `triage test` and `triage lint` report.
@Suite struct BundledPackTests {
    static let engine = try! TriageEngine.bundled()

    @Test func everyExampleAndRegressionTicketBehaves() throws {
        let report = try Self.engine.pack.runTests()
        #expect(report.failures.isEmpty, "\(report.failures.map(\.description).joined(separator: "\n"))")
        #expect(report.passed > 250)
    }

    @Test func lintIsClean() {
        let problems = Self.engine.pack.lint()
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test("Tickets in all three scripts get the taxonomy's reading", arguments: [
        ("我家没电了，邻居家都有电", "fault_repair", "no_power_premises"),
        ("屋企冇電，隔籬有電", "fault_repair", "no_power_premises"),
        ("整个小区都停电了，什么时候来电", "outage_query", "restoration_time"),
        ("電費怎麼交？", "billing", "payment"),
        ("ཁྱིམ་མཚེས་ལ་གློག་ཡོད། ངའི་ཁྱིམ་ལ་གློག་མེད།", "fault_repair", "no_power_premises"),
        ("གློག་གླ་ག་ཚོད་རེད།", "billing", "bill_amount"),
    ])
    func readings(text: String, category: String, subcategory: String) {
        let result = Self.engine.classify(text)
        #expect(result.category == category && result.subcategory == subcategory, "\(text): \(result.category)/\(result.subcategory ?? "null")")
    }
}
