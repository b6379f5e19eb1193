import Foundation
import Testing
import TicketTriage

/// Checks `corpus/` the way its README promises: every line parses, codes and flags follow the
/// taxonomy, ids are unique, no two texts are near-duplicates, `language` agrees with the pipeline,
/// and the test split is big enough in every language × category cell.
@Suite struct CorpusValidationTests {
    static let categories: [String: [String]] = [
        "fault_repair": ["no_power_premises", "line_down", "equipment", "voltage", "arrears_misreport", "planned_misreport"],
        "outage_query": ["planned", "unplanned", "restoration_time"],
        "billing": ["balance", "bill_amount", "abnormal_usage", "payment", "prepaid_reconnect", "invoice"],
        "complaint": ["attitude", "timeliness", "billing_dispute", "hotline", "outage_impact"],
        "new_connection": ["new_supply", "capacity_change", "transfer", "materials_fees"],
        "urging": ["repair_progress", "restoration_progress", "info_supplement"],
        "report": ["theft", "misconduct"],
        "praise": [], "suggestion": [], "other": [],
    ]
    static let flags = ["urgent", "escalation_risk", "abusive", "repeat_contact"]
    static let keys: Set<String> = ["id", "text", "category", "subcategory", "flags", "language", "register", "traits"]
    static let minimumTickets = ["zh-Hans": 700, "zh-Hant": 450, "bo": 600, "mixed": 150]

    struct Ticket {
        var place: String
        var id: String
        var text: String
        var category: String
        var subcategory: String?
        var language: String
        var register: String
        var split: String
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every ticket, and every problem found while reading them as `file:line: reason`.
    static let (tickets, problems): ([Ticket], [String]) = {
        var tickets: [Ticket] = [], problems: [String] = []
        for split in ["dev", "test"] {
            let file = "corpus/\(split).jsonl"
            guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(file).path) else {
                return ([], ["\(file): cannot read the file"])
            }
            var lines = data.split(separator: 0x0A, omittingEmptySubsequences: false)
            if lines.last?.isEmpty == true { lines.removeLast() }
            for (index, line) in lines.enumerated() {
                let place = "\(file):\(index + 1)"
                if line.isEmpty { problems.append("\(place): empty line"); continue }
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else {
                    problems.append("\(place): not a JSON object"); continue
                }
                if let unknown = Set(object.keys).subtracting(keys).first { problems.append("\(place): unknown key \(unknown)") }
                guard let id = object["id"] as? String, let text = object["text"] as? String, let category = object["category"] as? String,
                      let flags = object["flags"] as? [String], let language = object["language"] as? String,
                      let register = object["register"] as? String, object.keys.contains("subcategory") else {
                    problems.append("\(place): id, text, category, subcategory, flags, language and register are required"); continue
                }
                let subcategory = object["subcategory"] as? String
                if let allowed = categories[category] {
                    if let subcategory, !allowed.contains(subcategory) { problems.append("\(place): subcategory \(subcategory) does not belong to \(category)") }
                } else {
                    problems.append("\(place): unknown category \(category)")
                }
                if object["subcategory"] != nil, subcategory == nil, !(object["subcategory"] is NSNull) { problems.append("\(place): subcategory must be a string or null") }
                if !flags.allSatisfy(Self.flags.contains) { problems.append("\(place): unknown flag in \(flags)") }
                else if flags != Self.flags.filter(flags.contains) { problems.append("\(place): flags \(flags) are not unique and in the taxonomy's order") }
                if !["customer", "agent"].contains(register) { problems.append("\(place): register must be customer or agent, not \(register)") }
                let identified = Language(identifying: text).rawValue
                if identified != language { problems.append("\(place): language is \(language) but the text pipeline identifies \(identified)") }
                if text.isEmpty { problems.append("\(place): empty text") }
                tickets.append(Ticket(place: place, id: id, text: text, category: category, subcategory: subcategory,
                                      language: language, register: register, split: split))
            }
        }
        return (tickets, problems)
    }()

    @Test func everyLineIsAValidTicket() {
        #expect(Self.problems.isEmpty, "\(Self.problems.joined(separator: "\n"))")
        #expect(Self.tickets.count >= 2_000)
    }

    @Test func idsAreUnique() {
        var first: [String: String] = [:]
        for ticket in Self.tickets {
            if let earlier = first[ticket.id] { Issue.record("\(ticket.place): id \(ticket.id) already used at \(earlier)") }
            first[ticket.id] = first[ticket.id] ?? ticket.place
        }
    }

    @Test func noNearDuplicates() {
        // Character 4-grams (whitespace ignored); a Jaccard similarity of 0.5 or more fails.
        let grams: [Set<String>] = Self.tickets.map { ticket in
            let scalars = Array(ticket.text.unicodeScalars.filter { !$0.properties.isWhitespace })
            guard scalars.count >= 4 else { return [String(String.UnicodeScalarView(scalars))] }
            return Set((0...(scalars.count - 4)).map { String(String.UnicodeScalarView(scalars[$0..<$0 + 4])) })
        }
        var ticketsWithGram: [String: [Int]] = [:]
        for (index, set) in grams.enumerated() { for gram in set { ticketsWithGram[gram, default: []].append(index) } }
        for (index, set) in grams.enumerated() {
            var shared: [Int: Int] = [:]
            for gram in set { for other in ticketsWithGram[gram]! where other > index { shared[other, default: 0] += 1 } }
            for (other, count) in shared {
                let jaccard = Double(count) / Double(set.count + grams[other].count - count)
                if jaccard >= 0.5 {
                    Issue.record("\(Self.tickets[other].place): near-duplicate (Jaccard \(jaccard)) of \(Self.tickets[index].place)")
                }
            }
        }
    }

    @Test func coverageAndSplitSizes() {
        for (language, minimum) in Self.minimumTickets {
            let ofLanguage = Self.tickets.filter { $0.language == language }
            #expect(ofLanguage.count >= minimum, "\(language): \(ofLanguage.count) tickets, at least \(minimum) wanted")
            let agents = ofLanguage.filter { $0.register == "agent" }.count
            #expect(agents * 4 >= ofLanguage.count, "\(language): only \(agents) of \(ofLanguage.count) tickets are agents' work orders")
            for (category, subcategories) in Self.categories {
                let test = ofLanguage.filter { $0.split == "test" && $0.category == category }.count
                let wanted = language == "mixed" ? 4 : 10
                #expect(test >= wanted, "corpus/test.jsonl: \(language) × \(category) has \(test) tickets, at least \(wanted) wanted")
                for subcategory in subcategories where !ofLanguage.contains(where: { $0.category == category && $0.subcategory == subcategory }) {
                    Issue.record("corpus: no \(language) ticket for \(category)/\(subcategory)")
                }
            }
        }
    }
}
