import Foundation

/// What a relabel run found; kept in the checkpoint so a resumed run reports the whole input.
public struct RelabelSummary: Codable, Sendable, Equatable {
    public var read = 0
    public var written = 0
    public var rejected = 0
    public var changed = 0
    /// Rows per new category.
    public var byCategory: [String: Int] = [:]
    /// Old (mapped) category → new category → rows.
    public var matrix: [String: [String: Int]] = [:]
    /// Deciding rule → changed rows it decided.
    public var changedByRule: [String: Int] = [:]
    /// "old→new" → up to `samplesPerCell` changed rows.
    public var samples: [String: [Sample]] = [:]
    /// Old labels missing from the label map → rows.
    public var unmappedLabels: [String: Int] = [:]
    /// Rows without an old label.
    public var withoutLabel = 0
    /// Seconds spent, over every run of a resumed job.
    public var seconds = 0.0

    public struct Sample: Codable, Sendable, Equatable {
        public var id: String
        public var text: String
        public var rule: String?
    }

    static let samplesPerCell = 3

    public init() {}

    mutating func add(category: String, oldLabel: String?, oldCategory: String?, id: String, text: String, rule: String?) {
        written += 1
        byCategory[category, default: 0] += 1
        guard let oldLabel, !oldLabel.isEmpty else { withoutLabel += 1; return }
        guard let oldCategory else { unmappedLabels[oldLabel, default: 0] += 1; return }
        matrix[oldCategory, default: [:]][category, default: 0] += 1
        guard oldCategory != category else { return }
        changed += 1
        if let rule { changedByRule[rule, default: 0] += 1 }
        let cell = "\(oldCategory)→\(category)"
        if samples[cell, default: []].count < Self.samplesPerCell {
            samples[cell, default: []].append(Sample(id: id, text: String(text.prefix(120)), rule: rule))
        }
    }

    public var rowsPerSecond: Double { seconds > 0 ? Double(read) / seconds : 0 }

    /// The report as JSON.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var text = String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self)
        text.removeLast() // the closing brace: the rate joins the stored fields
        return text + ",\n  \"rowsPerSecond\" : \(Int(rowsPerSecond))\n}\n"
    }

    /// The report as Markdown, categories in the pack's order.
    public func markdown(categories: [String]) -> String {
        var lines = ["# Relabel report", "",
                     "Read \(read) rows: \(written) written, \(rejected) rejected; \(changed) changed category. "
                         + "\(String(format: "%.1f", seconds)) s, \(Int(rowsPerSecond)) rows/s.", ""]
        lines += ["## New categories", "", "| category | rows |", "|---|---:|"]
        lines += categories.map { "| \($0) | \(byCategory[$0] ?? 0) |" }
        let olds = categories.filter { matrix[$0] != nil }
        lines += ["", "## Old → new (rows; old labels mapped by the label map)", "",
                  "| old \\ new | " + categories.joined(separator: " | ") + " |",
                  "|---|" + String(repeating: "---:|", count: categories.count)]
        lines += olds.map { old in "| \(old) | " + categories.map { String(matrix[old]?[$0] ?? 0) }.joined(separator: " | ") + " |" }
        lines += ["", "## Rules behind most changes", "", "| rule | changed rows |", "|---|---:|"]
        lines += changedByRule.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(20).map { "| \($0.key) | \($0.value) |" }
        lines += ["", "## Sample changed rows", ""]
        for cell in samples.keys.sorted() {
            lines.append("- **\(cell)**")
            for sample in samples[cell]! { lines.append("  - `\(sample.id)` \(sample.text.replacingOccurrences(of: "\n", with: " ")) (\(sample.rule ?? "default"))") }
        }
        if !unmappedLabels.isEmpty || withoutLabel > 0 {
            lines += ["", "## Old labels not in the label map (not counted as changed)", "", "| label | rows |", "|---|---:|"]
            lines += unmappedLabels.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "| \($0.key) | \($0.value) |" }
            if withoutLabel > 0 { lines.append("| (no label) | \(withoutLabel) |") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
