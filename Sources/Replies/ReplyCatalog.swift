import Foundation
import Rules
import Synchronization
import Text

/// The reply-script catalog: which script answers which ticket, and its wording in each locale.
/// Immutable and `Sendable`; build one with ``load(_:)`` and share it.
public final class ReplyCatalog: Sendable {
    public struct Slot: Sendable {
        public let name: String
        /// Always filled: the catalog has an unconditional script for it.
        public let required: Bool
        /// The slot whose script a result reports as `reply.script`.
        public let main: Bool
    }

    public struct Script: Sendable {
        public let id: String
        public let slot: String
        public let when: ScriptCondition
        /// Only the last slot follows this script (the abusive caller's last step).
        public let endsReply: Bool
        public let location: SourceLocation
    }

    public let slots: [Slot]
    /// In catalog order.
    public let scripts: [Script]
    let texts: [Language: [String: Message]]
    let joiners: [Language: String]
    let pledgeMinutes: [TicketContext.Area: Int]
    let followUpHours: [String: Int]
    let addressWords: [String]
    let holidays: HolidayCalendar
    /// Per slot, script indexes best first: most specific, then catalog order.
    private let candidates: [String: [Int]]
    /// The categories some script tests the contact fact for; nil when one tests it for any.
    private let contactCategories: Set<String>?
    /// Rendered texts by script, locale and the values of the variables the script uses: tickets
    /// of a batch mostly share them, and ICU's formatting is the costly part of a reply.
    private let rendered = Mutex<[RenderKey: String]>([:])

    private struct RenderKey: Hashable {
        var id: String
        var locale: Language
        var values: [MessageValue?]
    }

    init(slots: [Slot], scripts: [Script], texts: [Language: [String: Message]], joiners: [Language: String],
         pledgeMinutes: [TicketContext.Area: Int], followUpHours: [String: Int], addressWords: [String], holidays: HolidayCalendar) {
        self.slots = slots
        self.scripts = scripts
        self.texts = texts
        self.joiners = joiners
        self.pledgeMinutes = pledgeMinutes
        self.followUpHours = followUpHours
        self.addressWords = addressWords
        self.holidays = holidays
        var candidates: [String: [Int]] = [:]
        for (index, script) in scripts.enumerated() { candidates[script.slot, default: []].append(index) }
        let contactScripts = scripts.filter { $0.when.contact != nil }
        contactCategories = contactScripts.contains { $0.when.categories == nil } ? nil : Set(contactScripts.flatMap { $0.when.categories ?? [] })
        self.candidates = candidates.mapValues { $0.sorted { (-scripts[$0].when.specificity, $0) < (-scripts[$1].when.specificity, $1) } }
    }

    public static let locales: [Language] = [.simplifiedChinese, .traditionalChinese, .tibetan]

    /// The facts selection reads for one classified ticket.
    public func facts(text: String, classification: Classification, context: TicketContext) -> ReplyFacts {
        let locale = context.customerLanguage ?? ScriptCounts(text).replyLanguage
        let now = context.now ?? Date()
        // The contact fact normalises the text again: only worked out where a script tests it.
        let testsContact = contactCategories?.contains(classification.category) ?? true
        return ReplyFacts(category: classification.category, subcategory: classification.subcategory, flags: classification.flags,
                          context: context, locale: locale, now: now, holiday: holidays.holiday(at: now, locale: locale),
                          contact: testsContact ? ContactFact(text: text, addressWords: addressWords) : nil)
    }

    /// The scripts chosen for a ticket, one per filled slot in slot order.
    public func select(_ facts: ReplyFacts) -> [Script] {
        var chosen: [Script] = []
        for (position, slot) in slots.enumerated() {
            guard let best = candidates[slot.name]?.first(where: { scripts[$0].when.holds(facts) }) else { continue }
            chosen.append(scripts[best])
            if scripts[best].endsReply, let last = slots.last, position < slots.count - 1 {
                if let closing = candidates[last.name]?.first(where: { scripts[$0].when.holds(facts) }) { chosen.append(scripts[closing]) }
                break
            }
        }
        return chosen
    }

    /// The scripts of a slot whose `when` holds, best first: what `explain` shows.
    public func matching(slot: String, _ facts: ReplyFacts) -> [Script] {
        (candidates[slot] ?? []).map { scripts[$0] }.filter { $0.when.holds(facts) }
    }

    /// The assembled reply for a ticket.
    public func reply(_ facts: ReplyFacts) throws(ReplyError) -> Reply {
        let chosen = select(facts)
        let variables = variables(for: facts)
        var parts: [String] = []
        for script in chosen { parts.append(try render(script.id, locale: facts.locale, variables)) }
        let mainSlot = slots.first(where: \.main)?.name
        let main = chosen.first { $0.slot == mainSlot } ?? chosen.first { $0.endsReply } ?? chosen.last
        return Reply(script: main?.id ?? "", locale: facts.locale, text: parts.joined(separator: joiners[facts.locale] ?? ""),
                     parts: chosen.map(\.id))
    }

    /// The variables a ticket gives its scripts; what it lacks is `none` (see scripts/README.md).
    public func variables(for facts: ReplyFacts) -> [String: MessageValue] {
        let context = facts.context
        var values: [String: MessageValue] = [
            "customerName": .text(context.customerName ?? ReplyVariables.none),
            "staffId": .text(context.staffId ?? ReplyVariables.none),
            "area": .text(context.area?.rawValue ?? ReplyVariables.none),
            "channel": .text(context.channel?.rawValue ?? ReplyVariables.none),
            "holiday": .text(facts.holiday ?? ReplyVariables.none),
            "eta": .text(ReplyVariables.none),
            "deadline": .text(ReplyVariables.none),
        ]
        values.merge(derivedValues(area: context.area, category: facts.category, now: facts.now)) { $1 }
        return values
    }

    /// `eta` from the area and the pledge, `deadline` from `now` and the category's follow-up time.
    private func derivedValues(area: TicketContext.Area?, category: String?, now: Date) -> [String: MessageValue] {
        var values: [String: MessageValue] = [:]
        if let area, let minutes = pledgeMinutes[area] { values["eta"] = .number(Double(minutes)) }
        if let category, let hours = followUpHours[category] { values["deadline"] = .date(now.addingTimeInterval(Double(hours) * 3600)) }
        return values
    }

    /// One script's wording in a locale with the given variables (`triage reply`, or a service
    /// rendering a script itself). Variables the script uses and `variables` lacks are an error.
    public func render(_ id: String, locale: Language, _ variables: [String: MessageValue]) throws(ReplyError) -> String {
        guard let message = texts[locale]?[id] else {
            throw ReplyError(script: id, locale: locale, message: texts[locale] == nil ? "no such locale" : "no such script")
        }
        if let missing = message.argumentNames.first(where: { variables[$0] == nil }) {
            throw ReplyError(script: id, locale: locale, message: "the variable \(missing) has no value")
        }
        let key = RenderKey(id: id, locale: locale, values: message.argumentNames.map { variables[$0] })
        if let text = rendered.withLock({ $0[key] }) { return text }
        switch message.format(variables) {
        case let .success(text):
            rendered.withLock { cache in
                if cache.count >= 16_384 { cache.removeAll(keepingCapacity: true) }
                cache[key] = text
            }
            return text
        case let .failure(error): throw ReplyError(script: id, locale: locale, message: "ICU cannot format it (\(error.name)); check the variables’ types")
        }
    }

    /// One script rendered from variables written as text (`triage reply --var eta=45`): `eta`
    /// is read as a number and `deadline` as an ISO 8601 date-time; `holiday`, `eta` (from `area`)
    /// and `deadline` (from `now` and the script's category) are worked out when not given, and
    /// every other variable not given is `none`.
    public func render(_ id: String, locale: Language, given: [String: String], now: Date) throws(ReplyError) -> String {
        guard let script = scripts.first(where: { $0.id == id }) else { throw ReplyError(script: id, locale: locale, message: "no such script") }
        var values: [String: MessageValue] = [:]
        for name in ReplyVariables.names { values[name] = .text(ReplyVariables.none) }
        values["holiday"] = .text(holidays.holiday(at: now, locale: locale) ?? ReplyVariables.none)
        values.merge(derivedValues(area: given["area"].flatMap(TicketContext.Area.init(rawValue:)), category: script.when.categories?.first, now: now)) { $1 }
        for (name, text) in given {
            guard ReplyVariables.names.contains(name) else {
                throw ReplyError(script: id, locale: locale, message: "unknown variable \(name); the variables are \(ReplyVariables.names.joined(separator: ", "))")
            }
            switch name {
            case "eta":
                guard let number = Double(text) else { throw ReplyError(script: id, locale: locale, message: "eta must be a number of minutes") }
                values[name] = .number(number)
            case "deadline":
                guard let date = TicketContext.date(text) else { throw ReplyError(script: id, locale: locale, message: "deadline must be an ISO 8601 date-time") }
                values[name] = .date(date)
            default:
                values[name] = .text(text)
            }
        }
        return try render(id, locale: locale, values)
    }

    /// Every variable name scripts may use.
    public static let variableNames = ReplyVariables.names

    /// Whether a script's wording exists in a locale.
    public func hasScript(_ id: String, locale: Language) -> Bool { texts[locale]?[id] != nil }
}

enum ReplyVariables {
    static let none = "none"
    static let names = ["customerName", "staffId", "area", "eta", "deadline", "channel", "holiday"]
}

/// The facts reply selection reads.
public struct ReplyFacts: Sendable {
    public var category: String
    public var subcategory: String?
    public var flags: [String]
    public var context: TicketContext
    public var locale: Language
    public var now: Date
    public var holiday: String?
    /// Nil when no script could test it for this category.
    public var contact: ContactFact?
}

/// Whether the ticket's own text gives what a crew needs to reach the customer.
public enum ContactFact: String, Sendable, CaseIterable {
    case complete, missing
    case noPhone = "no_phone"
    case noAddress = "no_address"

    /// A phone: seven or more digits (masked `*` included, `-` allowed between). An address: one
    /// of the catalog's words in the normalised text.
    init(text: String, addressWords: [String]) {
        var run = 0, digits = 0, hasPhone = false
        for scalar in text.unicodeScalars {
            if scalar.properties.numericType == .decimal { run += 1; digits += 1 }
            else if scalar == "*" || scalar == "＊" { run += 1 }
            else if scalar == "-" { continue }
            else { run = 0; digits = 0 }
            if run >= 7 && digits >= 3 { hasPhone = true; break }
        }
        let normalized = NormalizedText(text).string
        let hasAddress = addressWords.contains { normalized.containsBytes($0) }
        self = switch (hasPhone, hasAddress) {
        case (true, true): .complete
        case (true, false): .noAddress
        case (false, true): .noPhone
        case (false, false): .missing
        }
    }
}

/// When a script applies. Every condition written must hold.
public struct ScriptCondition: Sendable {
    public var categories: [String]?
    /// `.some(nil)`: the ticket must have no subcategory.
    public var subcategory: String??
    public var flags: [String] = []
    public var context: [(key: String, test: ContextTest)] = []
    public var holiday: String?
    public var contact: [ContactFact]?

    /// More conditions, more specific; a subcategory counts twice since it implies its category.
    public var specificity: Int {
        (categories == nil ? 0 : 1) + (subcategory == nil ? 0 : 2) + flags.count + context.count + (holiday == nil ? 0 : 1) + (contact == nil ? 0 : 1)
    }

    public func holds(_ facts: ReplyFacts) -> Bool {
        if let categories, !categories.contains(facts.category) { return false }
        if let subcategory, subcategory != facts.subcategory { return false }
        if !flags.allSatisfy(facts.flags.contains) { return false }
        if !context.allSatisfy({ $0.test.holds($0.key, in: facts.context) }) { return false }
        if let holiday, holiday != facts.holiday { return false }
        if let contact, !(facts.contact.map(contact.contains) ?? false) { return false }
        return true
    }

    /// The conditions as written, for explanations: `category billing, flags urgent`.
    public var summary: String {
        var parts: [String] = []
        if let categories { parts.append("category \(categories.joined(separator: "|"))") }
        if let subcategory { parts.append("subcategory \(subcategory ?? "null")") }
        if !flags.isEmpty { parts.append("flags \(flags.joined(separator: "+"))") }
        for (key, test) in context {
            switch test {
            case let .equals(values): parts.append("\(key) \(values.map(\.description).joined(separator: "|"))")
            case let .atLeast(number): parts.append("\(key) ≥ \(number)")
            case let .atMost(number): parts.append("\(key) ≤ \(number)")
            }
        }
        if let holiday { parts.append("holiday \(holiday)") }
        if let contact { parts.append("contact \(contact.map(\.rawValue).joined(separator: "|"))") }
        return parts.isEmpty ? "always" : parts.joined(separator: ", ")
    }
}

/// A reply assembled for one ticket.
public struct Reply: Sendable, Equatable {
    /// The main script (the body), or the one that ended the reply.
    public var script: String
    public var locale: Language
    public var text: String
    /// Every script used, in slot order.
    public var parts: [String]
}

/// A script that cannot be rendered, named by id and locale.
public struct ReplyError: Error, Sendable, CustomStringConvertible {
    public var script: String
    public var locale: Language
    public var message: String
    public var description: String { "script \(script) (\(locale.rawValue)): \(message)" }
}

extension String {
    /// Whether `word` occurs in the string, compared byte for byte. Foundation's `contains` folds
    /// character clusters and the standard library's generic search is slow; loading the catalog
    /// searches thousands of rendered texts.
    func containsBytes(_ word: String) -> Bool {
        var text = self, word = word
        return text.withUTF8 { text in
            word.withUTF8 { word in
                guard let first = word.first else { return true }
                var start = 0
                while start + word.count <= text.count {
                    if text[start] == first && memcmp(text.baseAddress! + start, word.baseAddress!, word.count) == 0 { return true }
                    start += 1
                }
                return false
            }
        }
    }
}
