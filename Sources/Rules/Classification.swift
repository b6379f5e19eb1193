import Text

/// Words of the ticket that made a rule fire (or nearly fire): the term as written in the rule and
/// the customer's own words, with offsets into the original text.
public struct Evidence: Sendable, Equatable {
    /// The term, set member or regex as the rule author wrote it.
    public var term: String
    /// The original characters that matched.
    public var text: String
    public var start: TextPosition
    public var end: TextPosition
    public var negated: Bool
}

/// A rule that fired, with what it decided and why.
public struct FiredRule: Sendable {
    public var id: String
    public var category: String?
    public var subcategory: String?
    public var flags: [String]
    public var priority: Int
    public var evidence: [Evidence]
}

/// A rule that had something to go on but did not fire, and what stopped it.
public struct NearMiss: Sendable {
    public var id: String
    public var reasons: [String]
    public var evidence: [Evidence]
}

/// The labels of one ticket and the rules behind them.
public struct Classification: Sendable {
    public var category: String
    public var subcategory: String?
    /// In the order of the pack's flag list.
    public var flags: [String]
    public var language: Language
    /// Every rule that fired, the deciding one first.
    public var rules: [FiredRule]
    /// The rule that decided the category; nil when none fired and the default applied.
    public var decidingRule: String?
}

/// Everything `explain` shows about one ticket.
public struct Explanation: Sendable {
    public var classification: Classification
    public var tokens: [Token]
    public var nearMisses: [NearMiss]
    /// How the deciding rule was chosen: the category rules that fired, best first, with the keys compared.
    public var tieBreak: [String]
}
