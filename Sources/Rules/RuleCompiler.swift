import Automaton
import ICUBridge
import Text

/// Turns a `PackSource` into a `CompiledPack`: checks every code against the manifest, expands
/// synonym sets (rejecting cycles), normalises every term the way ticket text is normalised, and
/// builds one automaton for all terms of all rules. A pack with any error is rejected whole.
public enum RuleCompiler {
    public static func compile(_ source: PackSource) throws(DiagnosticsError) -> CompiledPack {
        let tokenizer: Tokenizer
        do {
            tokenizer = try Tokenizer(chinese: source.chineseLexicon, tibetan: source.tibetanLexicon)
        } catch {
            throw DiagnosticsError([source.manifest.location.diagnostic(error.description)])
        }
        var state = State(source: source)
        var compiled: [CompiledRule] = []
        var firstDefinition: [String: SourceLocation] = [:]
        for rule in source.rules {
            if let earlier = firstDefinition[rule.id] {
                state.error(rule.location, "duplicate rule id \(rule.id) (first at \(earlier)); every rule needs its own id")
            }
            firstDefinition[rule.id] = rule.location
            state.checkCodes(rule)
            let condition = state.compile(rule.when, rule: rule, expanding: [])
            if rule.category != nil, let context = Self.contextTest(in: rule.when) {
                state.error(context, "rule \(rule.id) sets a category but tests context: context shapes flags and replies, never the category; move the context test to a flags-only rule")
            }
            compiled.append(CompiledRule(rule: rule, condition: condition,
                                         orderRank: rule.category.flatMap { source.manifest.order.firstIndex(of: $0) } ?? Int.max))
        }
        let negation = state.compileNegation(source.manifest.negation)
        if !state.diagnostics.isEmpty { throw DiagnosticsError(state.diagnostics) }

        var rulesOfPattern = [[Int32]](repeating: [], count: state.patterns.count)
        var always: [Int32] = []
        for (index, rule) in compiled.enumerated() {
            var patterns = Set<Int>()
            Self.positivePatterns(rule.condition, state, into: &patterns)
            if patterns.isEmpty { always.append(Int32(index)) }
            for pattern in patterns { rulesOfPattern[pattern].append(Int32(index)) }
        }
        var flattener = ConditionFlattener(shared: state.sharedConditions)
        let roots = compiled.map { flattener.flatten($0.condition) }
        return CompiledPack(source: source, tokenizer: tokenizer,
                            automaton: AhoCorasick(patterns: state.patterns.map(\.scalars)),
                            patterns: state.patterns, atoms: state.atoms, rules: compiled,
                            rulesOfPattern: rulesOfPattern.map { $0.sorted() }, alwaysEvaluated: always,
                            regexes: state.regexes, negation: negation,
                            fillers: source.manifest.fillers.map(state.normalizedWord),
                            atomPatterns: state.atoms.map { Int32($0.pattern) }, atomNegations: state.atoms.map(\.negation),
                            nodes: flattener.nodes, childIndexes: flattener.children, contextTests: flattener.contexts, ruleRoots: roots,
                            memoSlots: Int(flattener.memoSlots), anyMemberships: flattener.anyMemberships(patternCount: state.patterns.count, atomPatterns: state.atoms.map { Int32($0.pattern) }), ruleIgnoresFindings: compiled.map(\.rule.ignoresFindings),
                            markerAutomaton: AhoCorasick(patterns: negation.notes + negation.closingNotes + negation.findings),
                            markerKinds: negation.notes.map { _ in .note } + negation.closingNotes.map { _ in .closingNote } + negation.findings.map { _ in .finding },
                            warnings: state.warnings)
    }

    /// The patterns whose presence can make a condition true (not those under `none`).
    private static func positivePatterns(_ condition: CompiledCondition, _ state: State, into patterns: inout Set<Int>) {
        switch condition {
        case let .shared(index): positivePatterns(state.sharedConditions[index], state, into: &patterns)
        case let .atom(index): patterns.insert(state.atoms[index].pattern)
        case let .all(children):
            // An `all` needs every child: one child's patterns are enough to trigger evaluation.
            var best: Set<Int>?
            for child in children {
                var found = Set<Int>()
                positivePatterns(child, state, into: &found)
                if !found.isEmpty, best == nil || found.count < best!.count { best = found }
            }
            patterns.formUnion(best ?? [])
        case let .any(children): for child in children { positivePatterns(child, state, into: &patterns) }
        case let .near(first, _, _, _): positivePatterns(first, state, into: &patterns)
        case .none, .regex, .context: break
        }
    }

    private static func contextTest(in condition: Condition) -> SourceLocation? {
        switch condition {
        case let .context(_, _, location): location
        case let .all(children, _), let .any(children, _), let .none(children, _): children.lazy.compactMap(contextTest).first
        case let .near(first, second, _, _, _): contextTest(in: first) ?? contextTest(in: second)
        case .term, .set, .regex: nil
        }
    }

    /// What compiling collects.
    private struct State {
        let source: PackSource
        var patterns: [Pattern] = []
        var patternIndex: [[UInt32]: [TermSpec.Mode: Int]] = [:]
        var atoms: [Atom] = []
        var regexes: [CompiledRegex] = []
        /// Synonym sets compiled once, by name and the mode and negation they are used with.
        var sharedConditions: [CompiledCondition] = []
        var sharedIndex: [String: Int] = [:]
        var diagnostics: [Diagnostic] = []
        var warnings: [Diagnostic] = []

        init(source: PackSource) { self.source = source }

        mutating func error(_ location: SourceLocation, _ message: String) { diagnostics.append(location.diagnostic(message)) }
        mutating func warning(_ location: SourceLocation, _ message: String) { warnings.append(location.diagnostic(message, .warning)) }

        mutating func checkCodes(_ rule: Rule) {
            let manifest = source.manifest
            if let category = rule.category {
                if let subcategories = manifest.subcategories(of: category) {
                    if let subcategory = rule.subcategory, !subcategories.contains(subcategory) {
                        error(rule.location, "rule \(rule.id): subcategory \(subcategory) does not belong to \(category) (it has \(subcategories.isEmpty ? "none" : subcategories.joined(separator: ", ")))")
                    }
                } else {
                    error(rule.location, "rule \(rule.id): unknown category \(category); pack.yaml lists \(manifest.categories.map(\.code).joined(separator: ", "))")
                }
            } else if rule.subcategory != nil {
                error(rule.location, "rule \(rule.id) has a subcategory but no category; give the category too")
            }
            for flag in rule.flags where !manifest.flags.contains(flag) {
                error(rule.location, "rule \(rule.id): unknown flag \(flag); pack.yaml lists \(manifest.flags.joined(separator: ", "))")
            }
        }

        mutating func compile(_ condition: Condition, rule: Rule, expanding: [String]) -> CompiledCondition {
            switch condition {
            case let .term(term):
                return .atom(atom(term))
            case let .set(name, mode, negation, location):
                if let cycle = expanding.firstIndex(of: name) {
                    error(location, "the synonym sets refer to each other in a cycle: @\((expanding[cycle...] + [name]).joined(separator: " → @")); remove one reference")
                    return .any([])
                }
                guard let set = source.sets[name] else {
                    error(location, "no synonym set @\(name) is defined; define it under sets: in a rule file")
                    return .any([])
                }
                let key = "\(name)|\(mode?.rawValue ?? "")|\(negation?.rawValue ?? "")"
                if let index = sharedIndex[key] { return .shared(index) }
                let expanded = CompiledCondition.any(set.items.map { item in
                    switch item {
                    case var .term(term):
                        term.mode = mode ?? term.mode
                        term.negation = negation ?? term.negation
                        return compile(.term(term), rule: rule, expanding: expanding + [name])
                    case let .set(inner, innerMode, innerNegation, location):
                        return compile(.set(name: inner, mode: mode ?? innerMode, negation: negation ?? innerNegation, location: location), rule: rule, expanding: expanding + [name])
                    default:
                        return compile(item, rule: rule, expanding: expanding + [name])
                    }
                })
                sharedConditions.append(expanded)
                sharedIndex[key] = sharedConditions.count - 1
                return .shared(sharedConditions.count - 1)
            case let .all(children, _): return .all(children.map { compile($0, rule: rule, expanding: expanding) })
            case let .any(children, _): return .any(children.map { compile($0, rule: rule, expanding: expanding) })
            case let .none(children, _): return .none(children.map { compile($0, rule: rule, expanding: expanding) })
            case let .near(first, second, within, ordered, _):
                return .near(compile(first, rule: rule, expanding: expanding), compile(second, rule: rule, expanding: expanding), within: within, ordered: ordered)
            case let .regex(pattern, location):
                let utf16 = Array(pattern.utf16)
                var offset: Int32 = -1
                var name = [CChar](repeating: 0, count: 64)
                guard let pointer = tt_regex_open(utf16, Int32(utf16.count), &offset, &name, Int32(name.count)) else {
                    let column = offset >= 0 ? String(decoding: utf16.prefix(Int(offset)), as: UTF16.self).unicodeScalars.count : 0
                    error(SourceLocation(path: location.path, line: location.line, column: location.column + column),
                          "invalid regular expression: \(String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)); regexes use ICU syntax and run on the normalised text (Simplified, lower case)")
                    return .any([])
                }
                regexes.append(CompiledRegex(pointer: pointer, pattern: pattern))
                return .regex(regexes.count - 1)
            case let .context(key, test, _):
                return .context(key: key, test: test)
            }
        }

        mutating func atom(_ term: TermSpec) -> Int {
            let scalars = normalizedTerm(term)
            if scalars.isEmpty {
                error(term.location, "the term ‘\(term.text)’ is empty once normalised (it holds only spaces or invisible characters)")
            } else if term.mode == .word, let first = scalars.first, let last = scalars.last,
                      [0x20, 0x0F0D, 0x0F0E].contains(first) || [0x20, 0x0F0D, 0x0F0E].contains(last) {
                warning(term.location, "the term ‘\(term.text)’ starts or ends with a space or shad, so its ends never fall on word boundaries; remove them")
            } else if term.mode == .word, zip(scalars, scalars.dropFirst().dropFirst()).enumerated().contains(where: { index, pair in
                scalars[index + 1] == 0x20 && Script.isHan(pair.0) && Script.isHan(pair.1)
            }) {
                warning(term.location, "the term ‘\(term.text)’ has a space between Chinese characters, which tickets rarely have; remove the space")
            }
            let pattern: Int
            if let existing = patternIndex[scalars]?[term.mode] {
                pattern = existing
            } else {
                pattern = patterns.count
                patterns.append(Pattern(scalars: scalars, mode: term.mode))
                patternIndex[scalars, default: [:]][term.mode] = pattern
            }
            atoms.append(Atom(pattern: pattern, negation: term.negation, written: term.text, location: term.location))
            return atoms.count - 1
        }

        /// A term normalised like ticket text; a Tibetan term loses a trailing tsheg or shad.
        func normalizedTerm(_ term: TermSpec) -> [UInt32] {
            var scalars = NormalizedText(term.text).scalars
            while let last = scalars.last, last == 0x0F0B || last == 0x0F0D { scalars.removeLast() }
            return scalars
        }

        /// A word of the manifest's vocabulary (negators, fillers), normalised like a term.
        func normalizedWord(_ text: String) -> [UInt32] {
            normalizedTerm(TermSpec(text: text, mode: .word, negation: .respect, location: source.manifest.location))
        }

        func compileNegation(_ words: NegationWords) -> CompiledNegation {
            let word = normalizedWord
            func tokens(_ text: String) -> [[UInt32]] { word(text).split(separator: 0x0F0B).map(Array.init) }
            let skip = words.skip.map(word)
            func longestFirst(_ words: [[UInt32]]) -> WordsByLastScalar<[UInt32]> {
                WordsByLastScalar(words.sorted { $0.count > $1.count }, lastScalar: \.last)
            }
            return CompiledNegation(negators: longestFirst(words.before.map(word)), skipWords: longestFirst(skip), skip: Set(skip),
                                    after: WordsByLastScalar(words.after.map(tokens)) { $0.first?.last },
                                    questionParticles: Set(words.questionParticles.map(word)), questions: words.questions.map(word),
                                    window: words.window, clauseBreaks: Script.clauseBreaks,
                                    notes: words.notes.map(word), closingNotes: words.closingNotes.map(word), findings: words.findings.map(word))
        }
    }
}
