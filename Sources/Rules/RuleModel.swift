import Text

/// Where something was written: a file, a line and a column (1-based, columns in characters).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var line: Int
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    public var description: String { "\(path):\(line):\(column)" }

    package func diagnostic(_ message: String, _ severity: Diagnostic.Severity = .error) -> Diagnostic {
        Diagnostic(path: path, line: line, column: column, severity: severity, message: message)
    }
}

/// A word or phrase a rule looks for.
public struct TermSpec: Sendable, Hashable {
    /// `word`: both ends on token boundaries (or a token's inner boundaries); `substring`: anywhere.
    public enum Mode: String, Sendable, CaseIterable { case word, substring }
    /// `respect`: a negated occurrence does not count; `ignore`: it counts; `only`: only it counts.
    public enum Negation: String, Sendable, CaseIterable { case respect, ignore, only }

    public var text: String
    public var mode: Mode
    public var negation: Negation
    public var location: SourceLocation
}

/// What a rule's `when` says, as written (synonym sets not yet expanded).
public indirect enum Condition: Sendable {
    case term(TermSpec)
    /// `@name`: every term of a synonym set.
    case set(name: String, mode: TermSpec.Mode?, negation: TermSpec.Negation?, location: SourceLocation)
    case all([Condition], SourceLocation)
    case any([Condition], SourceLocation)
    case none([Condition], SourceLocation)
    /// Two conditions whose occurrences are at most `within` tokens apart (in this order if `ordered`).
    case near(Condition, Condition, within: Int, ordered: Bool, SourceLocation)
    /// An ICU regular expression over the normalised text, bounded in time.
    case regex(String, SourceLocation)
    case context(key: String, test: ContextTest, SourceLocation)

    var location: SourceLocation {
        switch self {
        case let .term(term): term.location
        case let .set(_, _, _, location), let .all(_, location), let .any(_, location), let .none(_, location),
             let .near(_, _, _, _, location), let .regex(_, location), let .context(_, _, location): location
        }
    }
}

/// A test of one context fact.
public enum ContextTest: Sendable, Hashable {
    case equals([ContextValue])
    case atLeast(Int)
    case atMost(Int)

    /// Whether the fact `key` of `context` passes; an absent fact passes no test.
    public func holds(_ key: String, in context: TicketContext) -> Bool {
        switch (self, context.value(key)) {
        case let (.equals(expected), value?): expected.contains(value)
        case let (.atLeast(minimum), .int(number)?): number >= minimum
        case let (.atMost(maximum), .int(number)?): number <= maximum
        default: false
        }
    }
}

/// A sample text in a rule's `examples`.
public struct Example: Sendable, Hashable {
    public var text: String
    public var context: TicketContext
    public var location: SourceLocation
}

/// One rule of a pack.
public struct Rule: Sendable {
    public var id: String
    public var description: String
    public var category: String?
    public var subcategory: String?
    public var flags: [String]
    public var priority: Int
    /// When true, terms in an agent's findings (经查询为…) do not count for this rule: the
    /// customer's demand decides the category; findings may still decide a subcategory elsewhere.
    public var ignoresFindings: Bool
    public var when: Condition
    public var matchExamples: [Example]
    public var noMatchExamples: [Example]
    public var location: SourceLocation
    /// The order the rule was read in: files by name, rules in file order.
    public var ordinal: Int
}

/// A regression ticket from `rules/tests/`, with the labels it must get.
public struct RegressionTicket: Sendable {
    public var text: String
    public var context: TicketContext
    public var category: String?
    /// nil: not checked; `.some(nil)`: must be null.
    public var subcategory: String??
    public var flags: [String]?
    public var location: SourceLocation
}

/// How the deciding rule is chosen among the rules that fired with a category.
public enum TieBreakKey: String, Sendable, CaseIterable {
    /// Higher `priority` first.
    case priority
    /// Earlier in the manifest's `order` of categories first.
    case order
    /// Earlier in the pack (files by name, rules in file order) first.
    case file
    /// Smaller rule id first.
    case id
}

/// Negation vocabulary of a pack (normalised when compiled).
public struct NegationWords: Sendable {
    /// Words that negate what follows them in the clause (不, 没有, 唔系, མ, མི …).
    public var before: [String]
    /// Endings that negate what precedes them (Tibetan མེད, མ་རེད, མིན …).
    public var after: [String]
    /// Words that may stand between a negator and what it negates (肯定, 都, པ, ཡོད …).
    public var skip: [String]
    /// A-not-A questions (是不是, 有没有, 有冇, 系唔系): a negator inside one asks, it does not deny.
    public var questions: [String]
    /// Question particles: a negating ending followed by one asks a question (…མེད་དམ).
    public var questionParticles: [String]
    /// At most this many skipped words between a negator and the term.
    public var window: Int
    /// Markers of an agent's findings (经查询, 经核实 …): what follows them in the same clause is
    /// what the agent found, which rules with `findings: ignore` do not count.
    public var findings: [String]
    /// Markers of an agent's own note (已告知, 已安抚, 已请客户 …): what follows them in the same
    /// clause is not the customer's request and counts like a negated term.
    public var notes: [String]
    /// Markers that close an agent's note (Tibetan is verb-final: …བརྡ་སྦྱར་ཟིན): what precedes
    /// them in the same clause, back to punctuation or a space, counts like a negated term.
    public var closingNotes: [String]
}

/// `rules/pack.yaml`: the taxonomy and how rules combine.
public struct PackManifest: Sendable {
    public var name: String
    public var version: String
    /// Category codes with their subcategory codes, in the manifest's order.
    public var categories: [(code: String, subcategories: [String])]
    /// Flag codes in output order.
    public var flags: [String]
    /// Categories from the one that wins to the one that loses when two rules fire.
    public var order: [String]
    public var tieBreak: [TieBreakKey]
    public var defaultCategory: String
    public var chineseLexicon: String
    public var tibetanLexicon: String
    public var negation: NegationWords
    /// Filler words (ཨ, 呃): standing alone between spaces, they do not separate a term's parts.
    public var fillers: [String]
    public var location: SourceLocation

    public func subcategories(of category: String) -> [String]? {
        categories.first { $0.code == category }?.subcategories
    }
}
