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
    /// A synonym set, compiled once and shared by every rule that uses it.
    case shared(Int)
}

/// A compiled condition as a node of a flat array: evaluation walks indexes, not references.
struct ConditionNode: Sendable {
    enum Kind: UInt8, Sendable { case atom, all, any, none, near, regex, context }
    var kind: Kind
    /// atom: atom index; regex: regex index; context: index into `contextTests`;
    /// all/any/none/near: first index into `childIndexes`.
    var value: Int32
    /// all/any/none/near: number of children.
    var count: Int32 = 0
    var within: Int32 = 0
    var ordered = false
    /// any: its atom children, as a range of `childIndexes` (the other children are `value`/`count`).
    var atomFirst: Int32 = 0
    var atomCount: Int32 = 0
    /// A shared set's slot in the per-ticket memo (-1: not memoised).
    var memoSlot: Int32 = -1
}

/// An atom of an `any` node: the node, and the atom's place in the pack's `childIndexes`.
typealias AnyMembership = (node: Int32, child: Int32)

/// Flattens condition trees into one array of nodes (children before parents); a shared set
/// becomes one node however many rules use it.
struct ConditionFlattener {
    let shared: [CompiledCondition]
    var nodes: [ConditionNode] = []
    var children: [Int32] = []
    var contexts: [(key: String, test: ContextTest)] = []
    private var sharedNodes: [Int: Int32] = [:]
    /// How many shared sets have a memo slot.
    private(set) var memoSlots: Int32 = 0

    init(shared: [CompiledCondition]) { self.shared = shared }

    /// The node of a condition.
    mutating func flatten(_ condition: CompiledCondition) -> Int32 {
        if case let .shared(index) = condition {
            if let node = sharedNodes[index] { return node }
            let node = flatten(shared[index])
            sharedNodes[index] = node
            nodes[Int(node)].memoSlot = memoSlots
            memoSlots += 1
            return node
        }
        return flattenNode(condition)
    }

    private mutating func group(_ kind: ConditionNode.Kind, _ items: [CompiledCondition], within: Int = 0, ordered: Bool = false) -> Int32 {
        // An `any` keeps its atoms apart: they are decided from the ticket's occurrences at once.
        var atoms: [Int32] = [], others: [CompiledCondition] = items
        if kind == .any {
            others = []
            for item in items {
                if case let .atom(index) = item { atoms.append(Int32(index)) } else { others.append(item) }
            }
        }
        let indexes = others.map { flatten($0) }
        let first = Int32(children.count)
        children += indexes
        let atomFirst = Int32(children.count)
        children += atoms
        nodes.append(ConditionNode(kind: kind, value: first, count: Int32(indexes.count), within: Int32(within), ordered: ordered,
                                   atomFirst: atomFirst, atomCount: Int32(atoms.count)))
        return Int32(nodes.count - 1)
    }

    /// For each pattern, the `any` nodes holding an atom of it: `(node, child)`, where `child` is
    /// the atom's place in `children`.
    func anyMemberships(patternCount: Int, atomPatterns: [Int32]) -> [[AnyMembership]] {
        var memberships = [[AnyMembership]](repeating: [], count: patternCount)
        for (index, node) in nodes.enumerated() where node.kind == .any {
            for position in node.atomFirst..<node.atomFirst + node.atomCount {
                memberships[Int(atomPatterns[Int(children[Int(position)])])].append((Int32(index), position))
            }
        }
        return memberships
    }

    private mutating func flattenNode(_ condition: CompiledCondition) -> Int32 {
        switch condition {
        case let .atom(index): nodes.append(ConditionNode(kind: .atom, value: Int32(index)))
        case let .regex(index): nodes.append(ConditionNode(kind: .regex, value: Int32(index)))
        case let .context(key, test):
            contexts.append((key, test))
            nodes.append(ConditionNode(kind: .context, value: Int32(contexts.count - 1)))
        case let .all(items): return group(.all, items)
        case let .any(items): return group(.any, items)
        case let .none(items): return group(.none, items)
        case let .near(first, second, within, ordered): return group(.near, [first, second], within: within, ordered: ordered)
        case .shared: return flatten(condition)
        }
        return Int32(nodes.count - 1)
    }
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
    /// Negators and skippable words by their last character, longest first, for suffix matching
    /// on characters: a position is checked against the few words that can end there.
    var negators: WordsByLastScalar<[UInt32]>
    var skipWords: WordsByLastScalar<[UInt32]>
    var skip: Set<[UInt32]>
    /// Each ending as a sequence of token words (a Tibetan ending spans syllables), by the last
    /// character of its first word.
    var after: WordsByLastScalar<[[UInt32]]>
    var questionParticles: Set<[UInt32]>
    /// A-not-A questions (是不是, 有没有, 有冇, 系唔系): a negator inside one asks, it does not deny.
    var questions: [[UInt32]]
    var window: Int
    /// Characters that end a clause (punctuation and shad).
    var clauseBreaks: Set<UInt32>
    var notes: [[UInt32]]
    var closingNotes: [[UInt32]]
    var findings: [[UInt32]]
}

/// Words grouped by one character (an index, not a scan), each group in the order given.
struct WordsByLastScalar<Word: Sendable>: Sendable {
    private var groups: [UInt32: [Word]] = [:]
    /// One bit per key character modulo 1024: most characters are no key, and this answers so
    /// without hashing.
    private var mayBeKey = [UInt64](repeating: 0, count: 16)

    init(_ words: [Word], lastScalar: (Word) -> UInt32?) {
        for word in words {
            guard let key = lastScalar(word) else { continue }
            groups[key, default: []].append(word)
            mayBeKey[Int(key & 1023) >> 6] |= 1 << UInt64(key & 63)
        }
    }

    /// The words whose key character is `scalar`, in the order given.
    subscript(scalar: UInt32) -> [Word] {
        guard mayBeKey[Int(scalar & 1023) >> 6] & (1 << UInt64(scalar & 63)) != 0 else { return [] }
        return groups[scalar] ?? []
    }
}

/// A pack compiled for classification: immutable and `Sendable`, shared by every thread.
public final class CompiledPack: Sendable {
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
    /// The pack's filler words, normalised.
    let fillers: [[UInt32]]
    /// Hot data, kept apart from the rules and atoms so evaluation copies no strings.
    let atomPatterns: [Int32]
    let atomNegations: [TermSpec.Negation]
    let nodes: [ConditionNode]
    let childIndexes: [Int32]
    let contextTests: [(key: String, test: ContextTest)]
    /// Each rule's root node.
    let ruleRoots: [Int32]
    /// Shared sets memoised per ticket.
    let memoSlots: Int
    /// For each pattern, the `any` nodes that hold one of its atoms.
    let anyMemberships: [[AnyMembership]]
    let ruleIgnoresFindings: [Bool]
    /// Whether each pattern must start and end on token or inner boundaries.
    let patternIsWordMode: [Bool]
    /// Each rule as a classification reports it (without evidence).
    let firedRules: [FiredRule]
    /// Each category rule's place in the pack's tie-break order (lower wins).
    let tieBreakRank: [Int32]
    /// Agents' note markers (opening and closing) and findings markers, in one automaton, with
    /// the kind of each of its patterns.
    let markerAutomaton: AhoCorasick
    let markerKinds: [MarkerKind]
    enum MarkerKind: Sendable { case note, closingNote, finding }
    /// Warnings found while compiling (shown by `triage lint`).
    public let warnings: [Diagnostic]

    init(source: PackSource, tokenizer: Tokenizer, automaton: AhoCorasick, patterns: [Pattern], atoms: [Atom],
         rules: [CompiledRule], rulesOfPattern: [[Int32]], alwaysEvaluated: [Int32], regexes: [CompiledRegex],
         negation: CompiledNegation, fillers: [[UInt32]], atomPatterns: [Int32], atomNegations: [TermSpec.Negation], nodes: [ConditionNode],
         childIndexes: [Int32], contextTests: [(key: String, test: ContextTest)], ruleRoots: [Int32], memoSlots: Int, anyMemberships: [[AnyMembership]],
         ruleIgnoresFindings: [Bool], markerAutomaton: AhoCorasick, markerKinds: [MarkerKind], warnings: [Diagnostic]) {
        self.source = source
        self.tokenizer = tokenizer
        self.automaton = automaton
        self.patterns = patterns
        self.atoms = atoms
        self.rules = rules
        self.rulesOfPattern = rulesOfPattern
        self.alwaysEvaluated = alwaysEvaluated
        self.regexes = regexes
        self.negation = negation
        self.fillers = fillers
        self.atomPatterns = atomPatterns
        self.atomNegations = atomNegations
        self.nodes = nodes
        self.childIndexes = childIndexes
        self.contextTests = contextTests
        self.ruleRoots = ruleRoots
        self.memoSlots = memoSlots
        self.anyMemberships = anyMemberships
        self.ruleIgnoresFindings = ruleIgnoresFindings
        patternIsWordMode = patterns.map { $0.mode == .word }
        firedRules = rules.map { compiled in
            let rule = compiled.rule
            return FiredRule(id: rule.id, category: rule.category, subcategory: rule.subcategory, flags: rule.flags, priority: rule.priority, evidence: [])
        }
        let order = rules.indices.sorted { Self.precedes(rules[$0], rules[$1], by: source.manifest.tieBreak) }
        var rank = [Int32](repeating: 0, count: rules.count)
        for (position, index) in order.enumerated() { rank[index] = Int32(position) }
        tieBreakRank = rank
        self.markerAutomaton = markerAutomaton
        self.markerKinds = markerKinds
        self.warnings = warnings
    }

    /// Whether rule `a` wins over rule `b` by the pack's tie-break keys.
    private static func precedes(_ a: CompiledRule, _ b: CompiledRule, by keys: [TieBreakKey]) -> Bool {
        for key in keys {
            switch key {
            case .priority where a.rule.priority != b.rule.priority: return a.rule.priority > b.rule.priority
            case .order where a.orderRank != b.orderRank: return a.orderRank < b.orderRank
            case .file where a.rule.ordinal != b.rule.ordinal: return a.rule.ordinal < b.rule.ordinal
            case .id where a.rule.id != b.rule.id: return a.rule.id < b.rule.id
            default: continue
            }
        }
        return false
    }

    public var manifest: PackManifest { source.manifest }
    /// Number of distinct patterns in the automaton.
    public var patternCount: Int { patterns.count }
    public var ruleCount: Int { rules.count }
}
