import ICUBridge
import Text

extension CompiledPack {
    /// Classifies one ticket. Thread-safe; costs one pass of the automaton plus the rules its
    /// terms trigger.
    ///
    /// With `evidence: false` the fired rules come without the words behind them, which is all
    /// a caller that only needs the labels (the command line, batch jobs) wants, and is faster.
    public func classify(_ text: String, context: TicketContext = TicketContext(), evidence: Bool = true) -> Classification {
        var evaluation = Evaluation(pack: self, text: tokenizer.tokenize(text), context: context, tracing: false)
        evaluation.collectsEvidence = evidence
        return evaluation.run().classification
    }

    /// Classifies one ticket and explains how: tokens, the rules that fired with the customer's
    /// words behind them, the rules that nearly fired and why not, and the tie-break.
    public func explain(_ text: String, context: TicketContext = TicketContext()) -> Explanation {
        var evaluation = Evaluation(pack: self, text: tokenizer.tokenize(text), context: context, tracing: true)
        return evaluation.run()
    }

    /// How many term occurrences a ticket has, where their modes allow (for benchmarks).
    public func hitCount(_ text: String) -> Int {
        TicketMatches(text: tokenizer.tokenize(text), pack: self).hits.count
    }

    /// Whether one rule fires on a text (for rule examples).
    func fires(_ ruleIndex: Int, on text: String, context: TicketContext) -> Bool {
        var evaluation = Evaluation(pack: self, text: tokenizer.tokenize(text), context: context, tracing: false)
        return evaluation.evaluate(rule: ruleIndex)
    }
}

/// The evaluation of one ticket.
struct Evaluation {
    let pack: CompiledPack
    let text: TokenizedText
    let context: TicketContext
    let tracing: Bool
    let matches: TicketMatches
    private var regexHits: [Int: [Range<Int>]] = [:]
    /// The normalised text in UTF-16 for ICU's regexes, with the scalar offset of each unit.
    private var regexText: (utf16: [UInt16], scalarOfUTF16: [Int])?
    /// Whether the rule being evaluated ignores terms in agents' findings.
    private var ignoringFindings = false
    /// Whether fired rules get their evidence.
    var collectsEvidence = true
    /// What `holds` found for each shared set, per ticket: 0 not yet known, 1 no, 2 yes; one array
    /// for rules that count agents' findings and one for rules that ignore them.
    private var memo: [UInt8]
    private var memoIgnoringFindings: [UInt8]
    /// Notes for `explain` about the rule being evaluated.
    private var notes: [String] = []
    private var noteEvidence: [Evidence] = []

    init(pack: CompiledPack, text: TokenizedText, context: TicketContext, tracing: Bool) {
        self.pack = pack
        self.text = text
        self.context = context
        self.tracing = tracing
        matches = TicketMatches(text: text, pack: pack)
        memo = [UInt8](repeating: 0, count: pack.memoSlots)
        memoIgnoringFindings = memo
        // The atoms of `any` nodes that occur, found from the occurrences themselves (kept sparse:
        // a ticket touches a few nodes of a pack that may have tens of thousands).
        var anyAtoms: [(node: Int32, child: Int32, holds: UInt8)] = []
        for (pattern, hits) in matches.groups {
            for (node, child) in pack.anyMemberships[pattern] {
                let negation = pack.atomNegations[Int(pack.childIndexes[Int(child)])]
                var holds: UInt8 = 0
                for hit in hits {
                    let counted: Bool = switch negation {
                    case .respect: !hit.negated
                    case .ignore: true
                    case .only: hit.negated
                    }
                    if counted { holds |= hit.inFinding ? 1 : 3 }
                }
                anyAtoms.append((node, child, holds))
            }
        }
        // By node, each node's atoms in their written order, for a binary search.
        anyAtoms.sort { $0.node != $1.node ? $0.node < $1.node : $0.child < $1.child }
        self.anyAtoms = anyAtoms
    }

    /// The atoms of `any` nodes whose patterns occur, by node: bit 0 of `holds` counting agents'
    /// findings, bit 1 not.
    private let anyAtoms: [(node: Int32, child: Int32, holds: UInt8)]

    /// Where a node's entries are in `anyAtoms`. (Inlined, like `atomsHold`: a call from a
    /// mutating method would copy the whole evaluation first.)
    @inline(__always)
    private func anyAtomRange(_ node: Int) -> Range<Int> {
        let first = anyAtoms.lowerBound { $0.node < node }
        var end = first
        while end < anyAtoms.count && anyAtoms[end].node == node { end += 1 }
        return first..<end
    }

    /// Whether one of an `any` node's atoms holds, with or without agents' findings.
    @inline(__always)
    private func atomsHold(_ node: Int) -> Bool {
        let bit: UInt8 = ignoringFindings ? 2 : 1
        for index in anyAtomRange(node) where anyAtoms[index].holds & bit != 0 { return true }
        return false
    }

    /// One piece of evidence: an atom's occurrence (`atom` ≥ 0) or a regex match (`regex` ≥ 0).
    struct Occurrence {
        var atom: Int = -1
        var regex: Int = -1
        var range: Range<Int>
        var negated: Bool
        var firstToken: Int
        var lastToken: Int
    }

    struct Outcome {
        var matched: Bool
        var evidence: [Occurrence] = []
    }

    mutating func run() -> Explanation {
        // Only rules that one of the ticket's terms can trigger are evaluated.
        var candidates = pack.alwaysEvaluated
        for pattern in matches.patterns { candidates += pack.rulesOfPattern[pattern] }
        candidates.sort()
        var fired: [(rule: Int, evidence: [Evidence])] = []
        var nearMisses: [NearMiss] = []
        var previous: Int32 = -1
        for index in candidates where index != previous {
            previous = index
            let rule = Int(index)
            ignoringFindings = pack.ruleIgnoresFindings[rule]
            if !tracing {
                // The cheap test first; evidence only for rules that fire.
                if holds(Int(pack.ruleRoots[rule])) {
                    fired.append((rule, collectsEvidence ? collect(Int(pack.ruleRoots[rule])).evidence.map(evidence) : []))
                }
                continue
            }
            notes = []
            noteEvidence = []
            let outcome = collect(Int(pack.ruleRoots[rule]))
            if outcome.matched {
                fired.append((rule, outcome.evidence.map(evidence)))
            } else if !notes.isEmpty || !outcome.evidence.isEmpty {
                // A term reached through several sets is reported once.
                var seenNotes = Set<String>(), seenEvidence = Set<String>()
                let reasons = notes.filter { seenNotes.insert($0).inserted }
                let items = (noteEvidence + outcome.evidence.map(evidence)).filter { seenEvidence.insert("\($0.term)|\($0.start.byte)").inserted }
                nearMisses.append(NearMiss(id: pack.rules[rule].rule.id, reasons: reasons.isEmpty ? ["not every part of the condition is present"] : reasons,
                                           evidence: items))
            }
        }
        return decide(fired, nearMisses: nearMisses)
    }

    mutating func evaluate(rule index: Int) -> Bool {
        ignoringFindings = pack.ruleIgnoresFindings[index]
        return holds(Int(pack.ruleRoots[index]))
    }

    // MARK: Conditions

    /// Whether an occurrence counts for an atom with this negation mode.
    @inline(__always)
    private func counts(_ hit: Hit, _ negation: TermSpec.Negation) -> Bool {
        if ignoringFindings && hit.inFinding { return false }
        switch negation {
        case .respect: return !hit.negated
        case .ignore: return true
        case .only: return hit.negated
        }
    }

    /// Whether a condition holds, as cheaply as possible; each node is decided once per ticket.
    mutating func holds(_ node: Int) -> Bool {
        let slot = Int(pack.nodes[node].memoSlot)
        guard slot >= 0 else { return holdsUnmemoised(node) }
        let known = ignoringFindings ? memoIgnoringFindings[slot] : memo[slot]
        if known != 0 { return known == 2 }
        let result = holdsUnmemoised(node)
        if ignoringFindings { memoIgnoringFindings[slot] = result ? 2 : 1 } else { memo[slot] = result ? 2 : 1 }
        return result
    }

    private mutating func holdsUnmemoised(_ node: Int) -> Bool {
        let item = pack.nodes[node]
        let first = Int(item.value), children = first..<first + Int(item.count)
        switch item.kind {
        case .atom:
            let pattern = Int(pack.atomPatterns[first])
            let negation = pack.atomNegations[first]
            return matches.hits(of: pattern).contains { counts($0, negation) }
        case .all:
            for child in children where !holds(Int(pack.childIndexes[child])) { return false }
            return true
        case .any:
            if atomsHold(node) { return true }
            for child in children where holds(Int(pack.childIndexes[child])) { return true }
            return false
        case .none:
            for child in children where holds(Int(pack.childIndexes[child])) { return false }
            return true
        case .near:
            // Most proximity tests fail for want of a part: check that first, cheaply.
            guard holds(Int(pack.childIndexes[first])), holds(Int(pack.childIndexes[first + 1])) else { return false }
            return collect(node).matched
        case .regex:
            return !regexMatches(first).isEmpty
        case .context:
            return pack.contextTests[first].test.holds(pack.contextTests[first].key, in: context)
        }
    }

    /// Evaluates a condition and collects every occurrence behind it (and, when explaining, why it
    /// failed).
    mutating func collect(_ node: Int) -> Outcome {
        let item = pack.nodes[node]
        let first = Int(item.value)
        let childIndexes = pack.childIndexes
        let children = (first..<first + Int(item.count)).lazy.map { Int(childIndexes[$0]) }
        switch item.kind {
        case .atom:
            return collectAtom(first)
        case .all:
            var outcome = Outcome(matched: true)
            for child in children {
                if !tracing && !holds(child) { return Outcome(matched: false) }
                let result = collect(child)
                if !result.matched { outcome.matched = false }
                outcome.evidence += result.evidence
            }
            if tracing && !outcome.matched && !outcome.evidence.isEmpty && notes.isEmpty {
                notes.append("a part of an ‘all’ is missing")
            }
            return outcome
        case .any:
            var outcome = Outcome(matched: false)
            // Only atoms whose patterns occur can match (or, when explaining, be reported).
            for entry in anyAtoms[anyAtomRange(node)] where tracing || entry.holds != 0 {
                let result = collectAtom(Int(childIndexes[Int(entry.child)]))
                if result.matched {
                    outcome.matched = true
                    outcome.evidence += result.evidence
                }
            }
            for child in children where tracing || holds(child) {
                let result = collect(child)
                if result.matched {
                    outcome.matched = true
                    outcome.evidence += result.evidence
                }
            }
            return outcome
        case .none:
            for child in children where tracing || holds(child) {
                let result = collect(child)
                if result.matched {
                    if tracing {
                        notes.append("blocked by ‘none’: " + result.evidence.map { "‘\(label($0))’" }.joined(separator: ", "))
                        noteEvidence += result.evidence.map(evidence)
                    }
                    return Outcome(matched: false)
                }
            }
            return Outcome(matched: true)
        case .near:
            let a = collect(Int(pack.childIndexes[first])), b = collect(Int(pack.childIndexes[first + 1]))
            guard a.matched, b.matched else { return Outcome(matched: false, evidence: a.evidence + b.evidence) }
            // Within `within` tokens and in the same clause (no punctuation between the parts);
            // parts inside one token (at inner boundaries) are adjacent.
            let within = Int(item.within)
            func sameClause(_ from: Int, _ to: Int) -> Bool { !(from..<to).contains { text.tokens[$0].isPunctuation } }
            func follows(_ later: Occurrence, _ earlier: Occurrence) -> Bool {
                later.range.lowerBound >= earlier.range.upperBound && max(0, later.firstToken - earlier.lastToken - 1) <= within
                    && sameClause(min(earlier.lastToken + 1, later.firstToken), later.firstToken)
            }
            for x in a.evidence {
                for y in b.evidence where follows(y, x) || (!item.ordered && follows(x, y)) {
                    return Outcome(matched: true, evidence: [x, y])
                }
            }
            if tracing { notes.append("the parts of ‘near’ are more than \(within) tokens apart\(item.ordered ? " or out of order" : "")") }
            return Outcome(matched: false, evidence: a.evidence + b.evidence)
        case .regex:
            return Outcome(matched: !regexMatches(first).isEmpty, evidence: regexMatches(first).map {
                Occurrence(regex: first, range: $0, negated: false, firstToken: 0, lastToken: 0)
            })
        case .context:
            return Outcome(matched: pack.contextTests[first].test.holds(pack.contextTests[first].key, in: context))
        }
    }

    /// One atom's counted occurrences (and, when explaining, why none counted).
    private mutating func collectAtom(_ index: Int) -> Outcome {
        let pattern = Int(pack.atomPatterns[index])
            guard matches.occurs(pattern) else { return Outcome(matched: false) }
            let hits = matches.hits(of: pattern).filter { !(ignoringFindings && $0.inFinding) }
            let negation = pack.atomNegations[index]
            let counted = hits.filter { counts($0, negation) }
            if tracing, counted.isEmpty, !hits.isEmpty {
                let written = pack.atoms[index].written
                notes.append(negation == .only ? "‘\(written)’ occurs but is not negated" : "‘\(written)’ is negated or in an agent's note")
                noteEvidence += hits.map { evidence(Occurrence(atom: index, range: $0.range, negated: $0.negated, firstToken: $0.firstToken, lastToken: $0.lastToken)) }
            }
            return Outcome(matched: !counted.isEmpty, evidence: counted.map {
                Occurrence(atom: index, range: $0.range, negated: $0.negated, firstToken: $0.firstToken, lastToken: $0.lastToken)
            })
    }

    private func label(_ occurrence: Occurrence) -> String {
        occurrence.atom >= 0 ? pack.atoms[occurrence.atom].written : "/\(pack.regexes[occurrence.regex].pattern)/"
    }

    /// Regex matches over the normalised text, in normalised scalar offsets; a search stopped by the
    /// time limit counts as no match.
    private mutating func regexMatches(_ index: Int) -> [Range<Int>] {
        if let cached = regexHits[index] { return cached }
        if regexText == nil {
            // Made once per ticket, for all its regexes.
            var utf16: [UInt16] = [], scalarOfUTF16: [Int] = []
            for (offset, value) in text.normalized.scalars.enumerated() {
                UTF16.encode(Unicode.Scalar(value)!) { utf16.append($0); scalarOfUTF16.append(offset) }
            }
            scalarOfUTF16.append(text.normalized.scalars.count)
            regexText = (utf16, scalarOfUTF16)
        }
        let (utf16, scalarOfUTF16) = regexText!
        var spans = [Int32](repeating: 0, count: 64)
        let count = Int(tt_regex_find(pack.regexes[index].pointer, utf16, Int32(utf16.count), Self.regexTimeLimit, &spans, 32))
        let result = (0..<max(0, min(count, 32))).map { scalarOfUTF16[Int(spans[2 * $0])]..<scalarOfUTF16[Int(spans[2 * $0 + 1])] }
        regexHits[index] = result
        return result
    }

    /// ICU's time limit for one regex search, in its match-loop units (about a millisecond each).
    static let regexTimeLimit: Int32 = 20

    private func evidence(_ item: Occurrence) -> Evidence {
        let normalized = text.normalized
        let scalars = normalized.originalScalarRange(item.range)
        let start = TextPosition(byte: normalized.byteOffset(ofOriginalScalar: scalars.lowerBound), scalar: scalars.lowerBound)
        let end = TextPosition(byte: normalized.byteOffset(ofOriginalScalar: scalars.upperBound), scalar: scalars.upperBound)
        let utf8 = text.original.utf8
        let words = String(decoding: utf8[utf8.index(utf8.startIndex, offsetBy: start.byte)..<utf8.index(utf8.startIndex, offsetBy: end.byte)], as: UTF8.self)
        return Evidence(term: label(item), text: words, start: start, end: end, negated: item.negated)
    }

    // MARK: Decision

    private func decide(_ firedIndexes: [(rule: Int, evidence: [Evidence])], nearMisses: [NearMiss]) -> Explanation {
        let manifest = pack.manifest
        let templates = pack.firedRules
        // Category rules in the pack's tie-break order (a rank worked out once at compile time).
        let rank = pack.tieBreakRank
        let categoryRules = firedIndexes.filter { templates[$0.rule].category != nil }.sorted { rank[$0.rule] < rank[$1.rule] }
        let deciding = categoryRules.first.map { templates[$0.rule] }
        let category = deciding?.category ?? manifest.defaultCategory
        let subcategory = deciding?.subcategory
            ?? categoryRules.lazy.map { templates[$0.rule] }.first { $0.category == category && $0.subcategory != nil }?.subcategory
        let raisedFlags = firedIndexes.flatMap { templates[$0.rule].flags }
        let ordered = categoryRules + firedIndexes.filter { templates[$0.rule].category == nil }
        let classification = Classification(
            category: category, subcategory: subcategory, flags: raisedFlags.isEmpty ? [] : manifest.flags.filter(raisedFlags.contains),
            language: text.language,
            rules: ordered.map { item in
                var rule = templates[item.rule]
                rule.evidence = item.evidence
                return rule
            },
            decidingRule: deciding?.id)
        var tieBreak: [String] = []
        if tracing {
            if categoryRules.isEmpty {
                tieBreak = ["no rule with a category fired: default \(manifest.defaultCategory)"]
            } else {
                tieBreak = categoryRules.enumerated().map { index, item in
                    let compiled = pack.rules[item.rule], rule = compiled.rule
                    return "\(index + 1). \(rule.id) → \(rule.category!)\(rule.subcategory.map { "/\($0)" } ?? "") (priority \(rule.priority), order \(compiled.orderRank + 1), file \(rule.location))"
                }
                tieBreak.insert("compared by " + manifest.tieBreak.map(\.rawValue).joined(separator: ", then "), at: 0)
            }
        }
        return Explanation(classification: classification, tokens: tracing ? text.tokens : [], nearMisses: nearMisses, tieBreak: tieBreak)
    }
}
