import ICUBridge
import Text

extension CompiledPack {
    /// Classifies one ticket. Thread-safe; costs one pass of the automaton plus the rules its
    /// terms trigger.
    public func classify(_ text: String, context: TicketContext = TicketContext()) -> Classification {
        var evaluation = Evaluation(pack: self, text: tokenizer.tokenize(text), context: context, tracing: false)
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
        TicketMatches(text: tokenizer.tokenize(text), pack: self).hits.values.reduce(0) { $0 + $1.count }
    }

    /// Whether one rule fires on a text (for rule examples).
    func fires(_ ruleIndex: Int, on text: String, context: TicketContext) -> Bool {
        var evaluation = Evaluation(pack: self, text: tokenizer.tokenize(text), context: context, tracing: false)
        return evaluation.evaluate(rule: rules[ruleIndex]).matched
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
    /// Whether the rule being evaluated ignores terms in agents' findings.
    private var ignoringFindings = false
    /// Notes for `explain` about the rule being evaluated.
    private var notes: [String] = []
    private var noteEvidence: [Evidence] = []

    init(pack: CompiledPack, text: TokenizedText, context: TicketContext, tracing: Bool) {
        self.pack = pack
        self.text = text
        self.context = context
        self.tracing = tracing
        matches = TicketMatches(text: text, pack: pack)
    }

    struct Outcome {
        var matched: Bool
        /// (label, normalised range, negated)
        var evidence: [(String, Range<Int>, Bool, Int, Int)] = []
    }

    mutating func run() -> Explanation {
        // Only rules that one of the ticket's terms can trigger are evaluated.
        var candidates = pack.alwaysEvaluated
        for pattern in matches.patterns { candidates += pack.rulesOfPattern[pattern] }
        candidates.sort()
        var fired: [(rule: CompiledRule, evidence: [Evidence])] = []
        var nearMisses: [NearMiss] = []
        var previous: Int32 = -1
        for index in candidates where index != previous {
            previous = index
            notes = []
            noteEvidence = []
            let rule = pack.rules[Int(index)]
            let outcome = evaluate(rule: rule)
            if outcome.matched {
                fired.append((rule, outcome.evidence.map(evidence)))
            } else if tracing && (!notes.isEmpty || !outcome.evidence.isEmpty) {
                nearMisses.append(NearMiss(id: rule.rule.id, reasons: notes.isEmpty ? ["not every part of the condition is present"] : notes,
                                           evidence: noteEvidence + outcome.evidence.map(evidence)))
            }
        }
        return decide(fired, nearMisses: nearMisses)
    }

    // MARK: Conditions

    mutating func evaluate(rule: CompiledRule) -> Outcome {
        ignoringFindings = rule.rule.ignoresFindings
        return evaluate(rule.condition)
    }

    /// Evaluates a condition. With `complete`, every occurrence is collected (for `near`, which
    /// compares positions); otherwise `any` and `all` stop as soon as the answer is known.
    mutating func evaluate(_ condition: CompiledCondition, complete: Bool = false) -> Outcome {
        let exhaustive = tracing || complete
        switch condition {
        case let .atom(index):
            let atom = pack.atoms[index]
            let hits = (matches.hits[atom.pattern] ?? []).filter { !(ignoringFindings && $0.inFinding) }
            let counted = hits.filter { hit in
                switch atom.negation {
                case .respect: !hit.negated
                case .ignore: true
                case .only: hit.negated
                }
            }
            if tracing, counted.isEmpty, !hits.isEmpty {
                notes.append(atom.negation == .only ? "‘\(atom.written)’ occurs but is not negated" : "‘\(atom.written)’ is negated")
                noteEvidence += hits.map { evidence((atom.written, $0.range, $0.negated, $0.firstToken, $0.lastToken)) }
            }
            return Outcome(matched: !counted.isEmpty, evidence: counted.map { (atom.written, $0.range, $0.negated, $0.firstToken, $0.lastToken) })
        case let .all(children):
            var outcome = Outcome(matched: true)
            for child in children {
                let result = evaluate(child, complete: complete)
                if !result.matched {
                    outcome.matched = false
                    if !exhaustive { return outcome }
                }
                outcome.evidence += result.evidence
            }
            if tracing && !outcome.matched && !outcome.evidence.isEmpty && notes.isEmpty {
                notes.append("a part of an ‘all’ is missing")
            }
            return outcome
        case let .any(children):
            var outcome = Outcome(matched: false)
            for child in children {
                let result = evaluate(child, complete: complete)
                if result.matched {
                    outcome.matched = true
                    outcome.evidence += result.evidence
                    if !exhaustive { return outcome }
                }
            }
            return outcome
        case let .none(children):
            for child in children {
                let result = evaluate(child)
                if result.matched {
                    if tracing {
                        notes.append("blocked by ‘none’: " + result.evidence.map { "‘\($0.0)’" }.joined(separator: ", "))
                        noteEvidence += result.evidence.map(evidence)
                    }
                    return Outcome(matched: false)
                }
            }
            return Outcome(matched: true)
        case let .near(first, second, within, ordered):
            let a = evaluate(first, complete: true), b = evaluate(second, complete: true)
            guard a.matched, b.matched else { return Outcome(matched: false, evidence: a.evidence + b.evidence) }
            // Within `within` tokens and in the same clause (no punctuation between the parts).
            func sameClause(_ from: Int, _ to: Int) -> Bool { !(from..<to).contains { text.tokens[$0].isPunctuation } }
            // Parts inside one token (at inner boundaries) are adjacent.
            func follows(_ later: (String, Range<Int>, Bool, Int, Int), _ earlier: (String, Range<Int>, Bool, Int, Int)) -> Bool {
                later.1.lowerBound >= earlier.1.upperBound && max(0, later.3 - earlier.4 - 1) <= within
                    && sameClause(min(earlier.4 + 1, later.3), later.3)
            }
            for x in a.evidence {
                for y in b.evidence where follows(y, x) || (!ordered && follows(x, y)) {
                    return Outcome(matched: true, evidence: [x, y])
                }
            }
            if tracing { notes.append("the parts of ‘near’ are more than \(within) tokens apart\(ordered ? " or out of order" : "")") }
            return Outcome(matched: false, evidence: a.evidence + b.evidence)
        case let .regex(index):
            let spans = regexMatches(index)
            return Outcome(matched: !spans.isEmpty, evidence: spans.map { ("/\(pack.regexes[index].pattern)/", $0, false, 0, 0) })
        case let .context(key, test):
            let value = context.value(key)
            let matched: Bool = switch (test, value) {
            case let (.equals(expected), value?): expected.contains(value)
            case let (.atLeast(minimum), .int(number)?): number >= minimum
            case let (.atMost(maximum), .int(number)?): number <= maximum
            default: false
            }
            return Outcome(matched: matched)
        }
    }

    /// Regex matches over the normalised text, in normalised scalar offsets; a search stopped by the
    /// time limit counts as no match.
    private mutating func regexMatches(_ index: Int) -> [Range<Int>] {
        if let cached = regexHits[index] { return cached }
        var utf16: [UInt16] = [], scalarOfUTF16: [Int] = []
        for (offset, value) in text.normalized.scalars.enumerated() {
            for unit in String(Character(Unicode.Scalar(value)!)).utf16 { utf16.append(unit); scalarOfUTF16.append(offset) }
        }
        scalarOfUTF16.append(text.normalized.scalars.count)
        var spans = [Int32](repeating: 0, count: 64)
        let count = Int(tt_regex_find(pack.regexes[index].pointer, utf16, Int32(utf16.count), Self.regexTimeLimit, &spans, 32))
        let result = (0..<max(0, min(count, 32))).map { scalarOfUTF16[Int(spans[2 * $0])]..<scalarOfUTF16[Int(spans[2 * $0 + 1])] }
        regexHits[index] = result
        return result
    }

    /// ICU's time limit for one regex search, in its match-loop units (about a millisecond each).
    static let regexTimeLimit: Int32 = 20

    private func evidence(_ item: (String, Range<Int>, Bool, Int, Int)) -> Evidence {
        let normalized = text.normalized
        let scalars = normalized.originalScalarRange(item.1)
        let start = TextPosition(byte: normalized.byteOffset(ofOriginalScalar: scalars.lowerBound), scalar: scalars.lowerBound)
        let end = TextPosition(byte: normalized.byteOffset(ofOriginalScalar: scalars.upperBound), scalar: scalars.upperBound)
        let utf8 = text.original.utf8
        let words = String(decoding: utf8[utf8.index(utf8.startIndex, offsetBy: start.byte)..<utf8.index(utf8.startIndex, offsetBy: end.byte)], as: UTF8.self)
        return Evidence(term: item.0, text: words, start: start, end: end, negated: item.2)
    }

    // MARK: Decision

    private func decide(_ fired: [(rule: CompiledRule, evidence: [Evidence])], nearMisses: [NearMiss]) -> Explanation {
        let manifest = pack.manifest
        let categoryRules = fired.filter { $0.rule.rule.category != nil }.sorted { a, b in
            for key in manifest.tieBreak {
                switch key {
                case .priority where a.rule.rule.priority != b.rule.rule.priority: return a.rule.rule.priority > b.rule.rule.priority
                case .order where a.rule.orderRank != b.rule.orderRank: return a.rule.orderRank < b.rule.orderRank
                case .file where a.rule.rule.ordinal != b.rule.rule.ordinal: return a.rule.rule.ordinal < b.rule.rule.ordinal
                case .id where a.rule.rule.id != b.rule.rule.id: return a.rule.rule.id < b.rule.rule.id
                default: continue
                }
            }
            return false
        }
        let deciding = categoryRules.first?.rule.rule
        let category = deciding?.category ?? manifest.defaultCategory
        let subcategory = deciding?.subcategory
            ?? categoryRules.first { $0.rule.rule.category == category && $0.rule.rule.subcategory != nil }?.rule.rule.subcategory
        let raisedFlags = Set(fired.flatMap { $0.rule.rule.flags })
        let ordered = categoryRules + fired.filter { $0.rule.rule.category == nil }
        let classification = Classification(
            category: category, subcategory: subcategory, flags: manifest.flags.filter(raisedFlags.contains), language: text.language,
            rules: ordered.map { FiredRule(id: $0.rule.rule.id, category: $0.rule.rule.category, subcategory: $0.rule.rule.subcategory,
                                           flags: $0.rule.rule.flags, priority: $0.rule.rule.priority, evidence: $0.evidence) },
            decidingRule: deciding?.id)
        var tieBreak: [String] = []
        if tracing {
            if categoryRules.isEmpty {
                tieBreak = ["no rule with a category fired: default \(manifest.defaultCategory)"]
            } else {
                tieBreak = categoryRules.enumerated().map { index, item in
                    let rule = item.rule.rule
                    return "\(index + 1). \(rule.id) → \(rule.category!)\(rule.subcategory.map { "/\($0)" } ?? "") (priority \(rule.priority), order \(item.rule.orderRank + 1), file \(rule.location))"
                }
                tieBreak.insert("compared by " + manifest.tieBreak.map(\.rawValue).joined(separator: ", then "), at: 0)
            }
        }
        return Explanation(classification: classification, tokens: tracing ? text.tokens : [], nearMisses: nearMisses, tieBreak: tieBreak)
    }
}
