import Foundation

/// `explain` output, for people and for programs.
public enum ExplanationReport {
    public static func text(_ explanation: TriageExplanation) -> String {
        let result = explanation.classification
        var lines = [
            "category:    \(result.category)",
            "subcategory: \(result.subcategory ?? "null")",
            "flags:       \(result.flags.isEmpty ? "none" : result.flags.joined(separator: ", "))",
            "language:    \(result.language.rawValue)",
            "",
            "tokens: " + explanation.tokens.map { $0.text == $0.normalized ? $0.text : "\($0.text)(\($0.normalized))" }.joined(separator: " | "),
            "",
            "rules fired (deciding first):",
        ]
        if result.rules.isEmpty { lines.append("  none") }
        for rule in result.rules {
            let decides = [rule.category.map { "\($0)\(rule.subcategory.map { "/\($0)" } ?? "")" }, rule.flags.isEmpty ? nil : "flags " + rule.flags.joined(separator: ", ")]
                .compactMap { $0 }.joined(separator: "; ")
            lines.append("  \(rule.id) → \(decides)")
            for evidence in rule.evidence { lines.append("      \(describe(evidence))") }
        }
        lines.append("")
        lines.append("nearly fired:")
        if explanation.nearMisses.isEmpty { lines.append("  none") }
        for miss in explanation.nearMisses {
            lines.append("  \(miss.id): " + miss.reasons.joined(separator: "; "))
            for evidence in miss.evidence { lines.append("      \(describe(evidence))") }
        }
        lines.append("")
        lines.append("tie-break:")
        lines += explanation.tieBreak.map { "  " + $0 }
        lines.append("")
        let facts = explanation.facts
        lines.append("reply (\(facts.locale.rawValue); holiday \(facts.holiday ?? "none"); contact \(facts.contact?.rawValue ?? "not tested")):")
        for choice in explanation.replyChoices {
            let chosen = choice.matching[0]
            let used = explanation.reply?.parts.contains(chosen.id) == true
            lines.append("  \(choice.slot): \(chosen.id) — \(chosen.when.summary)\(used ? "" : " (left out: an earlier script ended the reply)")")
            for other in choice.matching.dropFirst() { lines.append("      also held: \(other.id) — \(other.when.summary)") }
        }
        lines.append("")
        lines.append(explanation.reply?.text ?? "(no reply)")
        return lines.joined(separator: "\n")
    }

    private static func describe(_ evidence: Evidence) -> String {
        "“\(evidence.text)” [\(evidence.start.byte), \(evidence.end.byte)) for \(evidence.term)\(evidence.negated ? " (negated)" : "")"
    }

    public static func json(_ explanation: TriageExplanation) -> String {
        func evidence(_ item: Evidence) -> String {
            "{\"term\":\(JSONText.string(item.term)),\"text\":\(JSONText.string(item.text)),\"start\":\(item.start.byte),\"end\":\(item.end.byte),"
                + "\"startScalar\":\(item.start.scalar),\"endScalar\":\(item.end.scalar),\"negated\":\(item.negated)}"
        }
        let result = explanation.classification
        let rules = result.rules.map { rule in
            "{\"id\":\(JSONText.string(rule.id)),\"category\":\(rule.category.map(JSONText.string) ?? "null"),\"subcategory\":\(rule.subcategory.map(JSONText.string) ?? "null"),"
                + "\"flags\":[\(rule.flags.map(JSONText.string).joined(separator: ","))],\"evidence\":[\(rule.evidence.map(evidence).joined(separator: ","))]}"
        }
        let misses = explanation.nearMisses.map { miss in
            "{\"id\":\(JSONText.string(miss.id)),\"reasons\":[\(miss.reasons.map(JSONText.string).joined(separator: ","))],\"evidence\":[\(miss.evidence.map(evidence).joined(separator: ","))]}"
        }
        return "{\"category\":\(JSONText.string(result.category)),\"subcategory\":\(result.subcategory.map(JSONText.string) ?? "null"),"
            + "\"flags\":[\(result.flags.map(JSONText.string).joined(separator: ","))],\"language\":\(JSONText.string(result.language.rawValue)),"
            + "\"tokens\":[\(explanation.tokens.map(JSONText.token).joined(separator: ","))],"
            + "\"rules\":[\(rules.joined(separator: ","))],\"nearMisses\":[\(misses.joined(separator: ","))],"
            + "\"tieBreak\":[\(explanation.tieBreak.map(JSONText.string).joined(separator: ","))],"
            + "\"reply\":\(reply(explanation))}"
    }

    private static func reply(_ explanation: TriageExplanation) -> String {
        guard let reply = explanation.reply else { return "null" }
        let choices = explanation.replyChoices.map { choice in
            "{\"slot\":\(JSONText.string(choice.slot)),\"scripts\":[" + choice.matching.map { script in
                "{\"id\":\(JSONText.string(script.id)),\"when\":\(JSONText.string(script.when.summary))}"
            }.joined(separator: ",") + "]}"
        }
        return "{\"script\":\(JSONText.string(reply.script)),\"locale\":\(JSONText.string(reply.locale.rawValue)),\"text\":\(JSONText.string(reply.text)),"
            + "\"parts\":[\(reply.parts.map(JSONText.string).joined(separator: ","))],\"choices\":[\(choices.joined(separator: ","))]}"
    }
}
