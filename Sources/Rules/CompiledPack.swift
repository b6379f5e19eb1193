import Automaton
import ICUBridge
import Text

/// A condition ready to evaluate: terms are indexes into the pack's single automaton.
indirect enum CompiledCondition: Sendable {
    case atom(Int)
    case all([CompiledCondition])
    case any([CompiledCondition])
    case none([CompiledCondition])
    case near(CompiledCondition, CompiledCondition, within: Int, ordered: Bool)
    case regex(Int)
    case context(key: String, test: ContextTest)
}

/// One use of a term in a rule: which pattern, and how negation counts.
struct Atom: Sendable {
    var pattern: Int
    var negation: TermSpec.Negation
    /// The term as the author wrote it, for explanations.
    var written: String
    var location: SourceLocation
}

/// A pattern of the automaton: a normalised term and how its ends must fall.
struct Pattern: Sendable {
    var scalars: [UInt32]
    var mode: TermSpec.Mode
}

struct CompiledRule: Sendable {
    var rule: Rule
    var condition: CompiledCondition
    /// Rank of the category in the manifest's order (0 wins), or Int.max without a category.
    var orderRank: Int
}

/// An ICU regular expression shared by all threads; every search works on its own copy.
final class CompiledRegex: @unchecked Sendable {
    let pointer: OpaquePointer
    let pattern: String
    init(pointer: OpaquePointer, pattern: String) {
        self.pointer = pointer
        self.pattern = pattern
    }
    deinit { tt_regex_close(pointer) }
}

/// The negation vocabulary, normalised, as token words.
struct CompiledNegation: Sendable {
    var before: Set<[UInt32]>
    /// Each ending as a sequence of token words (a Tibetan ending spans syllables).
    var after: [[[UInt32]]]
    var skip: Set<[UInt32]>
    var questionParticles: Set<[UInt32]>
    /// A-not-A questions (是不是, 有没有, 有冇, 系唔系): a negator inside one asks, it does not deny.
    var questions: [[UInt32]]
    var window: Int
    /// `before` and `skip`, longest first, for suffix matching on characters.
    var beforeLongestFirst: [[UInt32]]
    var skipLongestFirst: [[UInt32]]
    /// Characters that end a clause (punctuation and shad).
    var clauseBreaks: Set<UInt32>
    var notes: [[UInt32]]
    var findings: [[UInt32]]
}

/// A pack compiled for classification: immutable and `Sendable`, shared by every thread.
public struct CompiledPack: Sendable {
    public let source: PackSource
    public let tokenizer: Tokenizer
    let automaton: AhoCorasick
    let patterns: [Pattern]
    let atoms: [Atom]
    let rules: [CompiledRule]
    /// For each pattern, the rules that use it (ascending).
    let rulesOfPattern: [[Int32]]
    /// Rules with no term to trigger them (regex or context only): evaluated for every ticket.
    let alwaysEvaluated: [Int32]
    let regexes: [CompiledRegex]
    let negation: CompiledNegation
    /// Warnings found while compiling (shown by `triage lint`).
    public let warnings: [Diagnostic]

    public var manifest: PackManifest { source.manifest }
    /// Number of distinct patterns in the automaton.
    public var patternCount: Int { patterns.count }
    public var ruleCount: Int { rules.count }
}
