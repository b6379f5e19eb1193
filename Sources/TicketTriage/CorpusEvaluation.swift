import Foundation

/// Precision, recall and F1 of one label.
public struct Score: Sendable, Codable {
    public var truePositives = 0, falsePositives = 0, falseNegatives = 0
    public var precision: Double { truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives) }
    public var recall: Double { truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives) }
    public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    public var support: Int { truePositives + falseNegatives }
}

/// The scores of a group of tickets (all, one language, one register).
public struct GroupScores: Sendable {
    public var tickets = 0
    public var categoryCorrect = 0
    public var subcategoryCorrect = 0
    public var languageCorrect = 0
    public var categories: [String: Score] = [:]
    public var flags: [String: Score] = [:]
    /// `confusion[expected][predicted]`
    public var confusion: [String: [String: Int]] = [:]

    /// Mean F1 over the categories present in the group's labels or predictions.
    public var macroF1: Double {
        let present = categories.values.filter { $0.support > 0 || $0.falsePositives > 0 }
        return present.isEmpty ? 0 : present.map(\.f1).reduce(0, +) / Double(present.count)
    }
    public var accuracy: Double { ratio(categoryCorrect) }
    public var subcategoryAccuracy: Double { ratio(subcategoryCorrect) }
    public var languageAccuracy: Double { ratio(languageCorrect) }
    private func ratio(_ count: Int) -> Double { tickets == 0 ? 0 : Double(count) / Double(tickets) }

    mutating func add(_ ticket: LabelledTicket, _ result: Classification, flags allFlags: [String]) {
        tickets += 1
        if result.category == ticket.category { categoryCorrect += 1 }
        if result.category == ticket.category && result.subcategory == ticket.subcategory { subcategoryCorrect += 1 }
        if result.language.rawValue == ticket.language { languageCorrect += 1 }
        confusion[ticket.category, default: [:]][result.category, default: 0] += 1
        if result.category == ticket.category {
            categories[ticket.category, default: Score()].truePositives += 1
        } else {
            categories[ticket.category, default: Score()].falseNegatives += 1
            categories[result.category, default: Score()].falsePositives += 1
        }
        for flag in allFlags {
            let expected = ticket.flags.contains(flag), predicted = result.flags.contains(flag)
            switch (expected, predicted) {
            case (true, true): flags[flag, default: Score()].truePositives += 1
            case (false, true): flags[flag, default: Score()].falsePositives += 1
            case (true, false): flags[flag, default: Score()].falseNegatives += 1
            case (false, false): flags[flag, default: Score()] = flags[flag] ?? Score()
            }
        }
    }
}

/// `triage eval`: how a pack's labels compare with a labelled corpus.
public struct CorpusEvaluation: Sendable {
    public var all = GroupScores()
    public var byLanguage: [String: GroupScores] = [:]
    public var byRegister: [String: GroupScores] = [:]
    /// Tickets whose category or subcategory differ: id, expected, got.
    public var misclassified: [(id: String, expected: String, got: String)] = []
    public var categoryOrder: [String]
    public var flagOrder: [String]

    public init(engine: TriageEngine, tickets: [LabelledTicket], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) {
        categoryOrder = engine.pack.manifest.categories.map(\.code)
        flagOrder = engine.pack.manifest.flags
        var results: [Classification] = []
        engine.classifyInOrder(tickets, jobs: jobs, transform: { engine, ticket in engine.classify(ticket.text, reply: false).classification }) { results.append($0) }
        for (ticket, result) in zip(tickets, results) {
            all.add(ticket, result, flags: flagOrder)
            byLanguage[ticket.language, default: GroupScores()].add(ticket, result, flags: flagOrder)
            byRegister[ticket.register, default: GroupScores()].add(ticket, result, flags: flagOrder)
            if result.category != ticket.category || result.subcategory != ticket.subcategory {
                misclassified.append((ticket.id, "\(ticket.category)/\(ticket.subcategory ?? "null")", "\(result.category)/\(result.subcategory ?? "null")"))
            }
        }
    }

    static let languages = ["zh-Hans", "zh-Hant", "bo", "mixed"]

    /// The report people read.
    public var text: String {
        func percent(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines: [String] = []
        let groups = [("all", all)] + Self.languages.compactMap { language in byLanguage[language].map { (language, $0) } }
            + ["customer", "agent"].compactMap { register in byRegister[register].map { (register, $0) } }
        lines.append("group      tickets  accuracy  macro-F1  subcategory  language-ID")
        for (name, group) in groups {
            lines.append(name.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: " %7d  %8@  %8@  %11@  %11@", group.tickets,
                         percent(group.accuracy), percent(group.macroF1), percent(group.subcategoryAccuracy), percent(group.languageAccuracy)))
        }
        lines.append("")
        lines.append("category F1 by language")
        lines.append("category         " + (["all"] + Self.languages).map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined(separator: " "))
        for category in categoryOrder {
            let cells = ([all] + Self.languages.map { byLanguage[$0] ?? GroupScores() }).map { group in
                group.categories[category].map { $0.support > 0 || $0.falsePositives > 0 ? percent($0.f1) : "-" } ?? "-"
            }
            lines.append(category.padding(toLength: 16, withPad: " ", startingAt: 0) + " " + cells.map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined(separator: " "))
        }
        lines.append("")
        lines.append("category precision / recall / F1 (support)")
        for category in categoryOrder {
            let score = all.categories[category] ?? Score()
            lines.append("  " + category.padding(toLength: 16, withPad: " ", startingAt: 0) + " \(percent(score.precision)) / \(percent(score.recall)) / \(percent(score.f1)) (\(score.support))")
        }
        lines.append("")
        lines.append("flag precision / recall / F1 (support)")
        for flag in flagOrder {
            let score = all.flags[flag] ?? Score()
            lines.append("  " + flag.padding(toLength: 16, withPad: " ", startingAt: 0) + " \(percent(score.precision)) / \(percent(score.recall)) / \(percent(score.f1)) (\(score.support))")
        }
        lines.append("")
        lines.append("confusion matrix (rows: expected, columns: predicted)")
        let short = categoryOrder.map { String($0.prefix(6)) }
        lines.append(String(repeating: " ", count: 16) + short.map { $0.padding(toLength: 7, withPad: " ", startingAt: 0) }.joined())
        for expected in categoryOrder {
            let row = categoryOrder.map { String(all.confusion[expected]?[$0] ?? 0).padding(toLength: 7, withPad: " ", startingAt: 0) }
            lines.append(expected.padding(toLength: 16, withPad: " ", startingAt: 0) + row.joined())
        }
        lines.append("")
        lines.append("misclassified (\(misclassified.count)): expected → got")
        for item in misclassified { lines.append("  \(item.id): \(item.expected) → \(item.got)") }
        return lines.joined(separator: "\n")
    }

    /// The same report as one JSON object.
    public var json: String {
        func score(_ score: Score) -> [String: Any] {
            ["precision": score.precision, "recall": score.recall, "f1": score.f1, "support": score.support]
        }
        func group(_ group: GroupScores) -> [String: Any] {
            ["tickets": group.tickets, "accuracy": group.accuracy, "macroF1": group.macroF1,
             "subcategoryAccuracy": group.subcategoryAccuracy, "languageAccuracy": group.languageAccuracy,
             "categories": group.categories.mapValues(score), "flags": group.flags.mapValues(score), "confusion": group.confusion]
        }
        let object: [String: Any] = [
            "all": group(all), "languages": byLanguage.mapValues(group), "registers": byRegister.mapValues(group),
            "misclassified": misclassified.map { ["id": $0.id, "expected": $0.expected, "got": $0.got] },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
