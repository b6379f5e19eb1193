import Foundation
import Text
import Yams

/// A synonym set: terms, references to other sets, or any condition (`near` …) that many rules
/// share; it holds when any of its items does.
public struct SynonymSet: Sendable {
    public var name: String
    public var items: [Condition]
    public var location: SourceLocation
}

/// A pack as written: manifest, rules, synonym sets and lexicons. (Its regression tickets are read
/// by `triage test` and `lint` only: they never change a classification, so loading skips them.)
public struct PackSource: Sendable {
    public var files: PackFiles
    public var manifest: PackManifest
    public var rules: [Rule]
    public var sets: [String: SynonymSet]
    public var chineseLexicon: Lexicon
    public var tibetanLexicon: Lexicon
}

/// Reads a pack's files into a `PackSource`, or throws every problem found, each with its place.
public enum PackLoader {
    public static func load(_ files: PackFiles) throws(DiagnosticsError) -> PackSource {
        var diagnostics: [Diagnostic] = []
        guard let manifestBytes = files.contents["pack.yaml"] else {
            throw DiagnosticsError([Diagnostic(path: files.display("pack.yaml"), line: 1, column: 1,
                                               message: "the pack has no pack.yaml; every pack starts with its manifest")])
        }
        let manifestReader = YAMLReader(path: files.display("pack.yaml"))
        let manifest = manifestReader.parse(manifestBytes).flatMap { readManifest($0, manifestReader) }
        diagnostics += manifestReader.diagnostics

        var rules: [Rule] = [], sets: [String: SynonymSet] = [:]
        for file in files.ruleFiles {
            let reader = YAMLReader(path: files.display(file))
            if let root = reader.parse(files.contents[file]!) {
                readRuleFile(root, reader, into: &rules, sets: &sets)
            }
            diagnostics += reader.diagnostics
        }
        var lexicons: [Lexicon] = []
        for (path, script) in [(manifest?.chineseLexicon, Lexicon.Script.han), (manifest?.tibetanLexicon, .tibetan)] {
            guard let path else { continue }
            guard let bytes = files.contents[path] else {
                diagnostics.append(manifest!.location.diagnostic("the lexicon \(path) named in pack.yaml is not in the pack"))
                continue
            }
            do { lexicons.append(try Lexicon.parse(bytes, path: files.display(path), script: script)) } catch { diagnostics += error.diagnostics }
        }
        guard diagnostics.isEmpty, let manifest, lexicons.count == 2 else { throw DiagnosticsError(diagnostics) }
        return PackSource(files: files, manifest: manifest, rules: rules, sets: sets,
                          chineseLexicon: lexicons[0], tibetanLexicon: lexicons[1])
    }

    /// The regression tickets in `tests/`, or every problem found in them.
    public static func loadTests(_ files: PackFiles) throws(DiagnosticsError) -> [RegressionTicket] {
        var tests: [RegressionTicket] = [], diagnostics: [Diagnostic] = []
        for file in files.testFiles {
            let reader = YAMLReader(path: files.display(file))
            if let root = reader.parse(files.contents[file]!) { tests += readTests(root, reader) }
            diagnostics += reader.diagnostics
        }
        guard diagnostics.isEmpty else { throw DiagnosticsError(diagnostics) }
        return tests
    }

    // MARK: pack.yaml

    private static func readManifest(_ root: Node, _ reader: YAMLReader) -> PackManifest? {
        guard let pairs = reader.mapping(root, "pack.yaml", allowed: ["name", "version", "description", "categories", "flags", "order", "tie_break", "default_category", "lexicons", "negation", "fillers"],
                                         required: ["name", "version", "categories", "flags", "order", "tie_break", "default_category", "lexicons", "negation"]),
              pairs.count >= 9 else { return nil }
        var categories: [(code: String, subcategories: [String])] = []
        if let value = pairs["categories"]?.value, case let .mapping(mapping) = value {
            for (key, list) in mapping {
                guard let code = reader.string(key, "a category code") else { continue }
                let subcategories: [String]
                if YAMLReader.isNull(list) { subcategories = [] } else { subcategories = reader.strings(list, "the subcategories of \(code)")?.map(\.0) ?? [] }
                categories.append((code, subcategories))
            }
        } else if let value = pairs["categories"]?.value {
            reader.error(reader.location(value), "categories must map each category code to its list of subcategory codes")
        }
        let codes = categories.map(\.code)
        let flags = pairs["flags"].flatMap { reader.strings($0.value, "flags") }?.map(\.0) ?? []
        let order = pairs["order"].flatMap { reader.strings($0.value, "order") } ?? []
        if let orderNode = pairs["order"]?.value, Set(order.map(\.0)) != Set(codes) || order.count != codes.count {
            reader.error(reader.location(orderNode), "order must list every category exactly once (\(codes.joined(separator: ", ")))")
        }
        var tieBreak: [TieBreakKey] = []
        for (text, node) in pairs["tie_break"].flatMap({ reader.strings($0.value, "tie_break") }) ?? [] {
            guard let key = TieBreakKey(rawValue: text) else {
                reader.error(reader.location(node), "unknown tie_break key ‘\(text)’; use priority, order, file or id")
                continue
            }
            tieBreak.append(key)
        }
        if let node = pairs["tie_break"]?.value, !tieBreak.contains(.id) && !tieBreak.contains(.file) {
            reader.error(reader.location(node), "tie_break must end in id or file so that every tie is broken")
        }
        let defaultCategory = pairs["default_category"].flatMap { reader.string($0.value, "default_category") } ?? ""
        if let node = pairs["default_category"]?.value, !codes.contains(defaultCategory) {
            reader.error(reader.location(node), "default_category ‘\(defaultCategory)’ is not one of the categories")
        }
        var lexicons: [String: String] = [:]
        if let node = pairs["lexicons"]?.value, let lexiconPairs = reader.mapping(node, "lexicons", allowed: ["zh", "bo"], required: ["zh", "bo"]) {
            for (key, pair) in lexiconPairs { lexicons[key] = reader.string(pair.value, "the \(key) lexicon path") }
        }
        guard let negation = pairs["negation"].flatMap({ readNegation($0.value, reader) }) else { return nil }
        let fillers = pairs["fillers"].flatMap { reader.strings($0.value, "fillers") }?.map(\.0) ?? []
        return PackManifest(name: pairs["name"].flatMap { reader.string($0.value, "name") } ?? "",
                            version: pairs["version"].flatMap { reader.string($0.value, "version") } ?? "",
                            categories: categories, flags: flags, order: order.map(\.0), tieBreak: tieBreak,
                            defaultCategory: defaultCategory, chineseLexicon: lexicons["zh"] ?? "", tibetanLexicon: lexicons["bo"] ?? "",
                            negation: negation, fillers: fillers, location: reader.location(root))
    }

    private static func readNegation(_ node: Node, _ reader: YAMLReader) -> NegationWords? {
        let keys = ["before", "after", "skip", "questions", "question_particles", "window", "notes", "findings"]
        guard let pairs = reader.mapping(node, "negation", allowed: keys + ["closing_notes"], required: keys),
              keys.allSatisfy({ pairs[$0] != nil }) else { return nil }
        func words(_ key: String) -> [String] { reader.strings(pairs[key]!.value, "negation.\(key)")?.map(\.0) ?? [] }
        return NegationWords(before: words("before"), after: words("after"), skip: words("skip"),
                             questions: words("questions"), questionParticles: words("question_particles"),
                             window: reader.integer(pairs["window"]!.value, "negation.window") ?? 0, findings: words("findings"), notes: words("notes"),
                             closingNotes: pairs["closing_notes"] == nil ? [] : words("closing_notes"))
    }

    // MARK: Rule files

    private static func readRuleFile(_ root: Node, _ reader: YAMLReader, into rules: inout [Rule], sets: inout [String: SynonymSet]) {
        guard let pairs = reader.mapping(root, "a rule file", allowed: ["sets", "rules"]) else { return }
        if let node = pairs["sets"]?.value {
            if case let .mapping(mapping) = node {
                for (key, value) in mapping {
                    guard let name = reader.string(key, "a set name") else { continue }
                    if let earlier = sets[name] {
                        reader.error(reader.location(key), "the set @\(name) is already defined at \(earlier.location); give one of them another name")
                        continue
                    }
                    let items: [Condition]
                    if case let .sequence(sequence) = value {
                        items = sequence.compactMap { readCondition($0, reader) }
                    } else {
                        reader.error(reader.location(value), "the set @\(name) must be a list of terms")
                        items = []
                    }
                    sets[name] = SynonymSet(name: name, items: items, location: reader.location(key))
                }
            } else {
                reader.error(reader.location(node), "sets must map each set name to its list of terms")
            }
        }
        guard let list = pairs["rules"].flatMap({ reader.sequence($0.value, "rules") }) else { return }
        for node in list {
            if let rule = readRule(node, reader, ordinal: rules.count) { rules.append(rule) }
        }
    }

    private static func readRule(_ node: Node, _ reader: YAMLReader, ordinal: Int) -> Rule? {
        guard let pairs = reader.mapping(node, "a rule", allowed: ["id", "description", "category", "subcategory", "flags", "priority", "findings", "when", "examples"],
                                         required: ["id", "when", "examples"]),
              let id = pairs["id"].flatMap({ reader.string($0.value, "id") }),
              let whenNode = pairs["when"]?.value else { return nil }
        let when = readCondition(whenNode, reader)
        var matches: [Example] = [], noMatches: [Example] = []
        if let examples = pairs["examples"]?.value,
           let examplePairs = reader.mapping(examples, "examples", allowed: ["match", "no_match"], required: ["match", "no_match"]) {
            matches = examplePairs["match"].map { readExamples($0.value, reader) } ?? []
            noMatches = examplePairs["no_match"].map { readExamples($0.value, reader) } ?? []
            if let node = examplePairs["match"]?.value, matches.isEmpty { reader.error(reader.location(node), "give at least one text the rule must match") }
            if let node = examplePairs["no_match"]?.value, noMatches.isEmpty { reader.error(reader.location(node), "give at least one near-miss the rule must not match") }
        }
        let category = pairs["category"].flatMap { reader.string($0.value, "category") }
        let flags = pairs["flags"].flatMap { reader.strings($0.value, "flags") }?.map(\.0) ?? []
        if category == nil && flags.isEmpty {
            reader.error(reader.location(node), "rule \(id) decides nothing: give it a category or flags")
        }
        guard let when else { return nil }
        return Rule(id: id, description: pairs["description"].flatMap { reader.string($0.value, "description") } ?? "",
                    category: category, subcategory: pairs["subcategory"].flatMap { reader.string($0.value, "subcategory") },
                    flags: flags, priority: pairs["priority"].flatMap { reader.integer($0.value, "priority") } ?? 0,
                    ignoresFindings: readFindings(pairs["findings"]?.value, reader),
                    when: when, matchExamples: matches, noMatchExamples: noMatches, location: reader.location(node), ordinal: ordinal)
    }

    /// `findings: ignore` or `findings: count` (the default).
    private static func readFindings(_ node: Node?, _ reader: YAMLReader) -> Bool {
        guard let node, let text = reader.string(node, "findings") else { return false }
        guard text == "ignore" || text == "count" else {
            reader.error(reader.location(node), "findings must be ignore or count")
            return false
        }
        return text == "ignore"
    }

    private static func readExamples(_ node: Node, _ reader: YAMLReader) -> [Example] {
        let items: [Node] = if case let .sequence(sequence) = node { Array(sequence) } else { [node] }
        return items.compactMap { item in
            if case .mapping = item {
                guard let pairs = reader.mapping(item, "an example", allowed: ["text", "context"], required: ["text"]),
                      let text = pairs["text"].flatMap({ reader.string($0.value, "text") }) else { return nil }
                let context = pairs["context"].flatMap { readContext($0.value, reader) } ?? TicketContext()
                return Example(text: text, context: context, location: reader.location(item))
            }
            return reader.string(item, "an example").map { Example(text: $0, context: TicketContext(), location: reader.location(item)) }
        }
    }

    private static func readContext(_ node: Node, _ reader: YAMLReader) -> TicketContext? {
        do {
            return try TicketContext(json: toJSON(node) as? [String: Any] ?? [:])
        } catch {
            reader.error(reader.location(node), error.description)
            return nil
        }
    }

    /// A YAML value as the JSON-like objects `TicketContext(json:)` reads.
    private static func toJSON(_ node: Node) -> Any {
        switch node {
        case let .mapping(mapping):
            var object: [String: Any] = [:]
            for (key, value) in mapping { object[key.string ?? ""] = toJSON(value) }
            return object
        case let .sequence(sequence): return sequence.map(toJSON)
        default:
            if let text = node.string, text == "true" || text == "false" { return NSNumber(value: text == "true") }
            if let int = node.int { return int as NSNumber }
            return node.string ?? ""
        }
    }

    // MARK: Conditions

    static let conditionKeys = ["all", "any", "none", "term", "match", "negation", "near", "within", "ordered", "regex", "context"]

    static func readCondition(_ node: Node, _ reader: YAMLReader) -> Condition? {
        let location = reader.location(node)
        switch node {
        case .scalar:
            guard let text = reader.string(node, "a term"), !text.isEmpty else {
                reader.error(location, "empty term; write the word or phrase to look for")
                return nil
            }
            return term(text, mode: nil, negation: nil, location, reader)
        case let .sequence(sequence):
            return .any(sequence.compactMap { readCondition($0, reader) }, location)
        case .mapping:
            guard let pairs = reader.mapping(node, "a condition", allowed: conditionKeys) else { return nil }
            let keys = Set(pairs.keys)
            if let value = pairs["term"]?.value {
                guard keys.isSubset(of: ["term", "match", "negation"]) else {
                    reader.error(location, "a term condition takes only match and negation besides term")
                    return nil
                }
                guard let text = reader.string(value, "term"), !text.isEmpty else {
                    reader.error(reader.location(value), "empty term; write the word or phrase to look for")
                    return nil
                }
                var mode: TermSpec.Mode?, negation: TermSpec.Negation?
                if let node = pairs["match"]?.value, let text = reader.string(node, "match") {
                    mode = TermSpec.Mode(rawValue: text)
                    if mode == nil { reader.error(reader.location(node), "match must be word or substring") }
                }
                if let node = pairs["negation"]?.value, let text = reader.string(node, "negation") {
                    negation = TermSpec.Negation(rawValue: text)
                    if negation == nil { reader.error(reader.location(node), "negation must be respect, ignore or only") }
                }
                return term(text, mode: mode, negation: negation, reader.location(value), reader)
            }
            if let value = pairs["near"]?.value {
                guard keys.isSubset(of: ["near", "within", "ordered"]) else {
                    reader.error(location, "a near condition takes only within and ordered besides near")
                    return nil
                }
                guard case let .sequence(sequence) = value, sequence.count == 2 else {
                    reader.error(reader.location(value), "near takes a list of exactly two conditions")
                    return nil
                }
                let within = pairs["within"].flatMap { reader.integer($0.value, "within") } ?? 3
                if within < 0, let node = pairs["within"]?.value { reader.error(reader.location(node), "within must be 0 or more tokens") }
                guard let first = readCondition(sequence[0], reader), let second = readCondition(sequence[1], reader) else { return nil }
                return .near(first, second, within: within, ordered: pairs["ordered"].flatMap { reader.boolean($0.value, "ordered") } ?? false, location)
            }
            if let value = pairs["regex"]?.value {
                guard keys == ["regex"], let pattern = reader.string(value, "regex") else {
                    if keys != ["regex"] { reader.error(location, "a regex condition takes no other keys") }
                    return nil
                }
                return .regex(pattern, reader.location(value))
            }
            if let value = pairs["context"]?.value {
                guard keys == ["context"] else {
                    reader.error(location, "a context condition takes no other keys; combine conditions with all")
                    return nil
                }
                return readContextCondition(value, reader)
            }
            var parts: [Condition] = []
            for key in ["all", "any", "none"] {
                guard let value = pairs[key]?.value else { continue }
                let children: [Condition] = if case let .sequence(sequence) = value { sequence.compactMap { readCondition($0, reader) } }
                    else { readCondition(value, reader).map { [$0] } ?? [] }
                let where_ = reader.location(value)
                parts.append(key == "all" ? .all(children, where_) : key == "any" ? .any(children, where_) : .none(children, where_))
            }
            if parts.isEmpty || !keys.isSubset(of: ["all", "any", "none"]) {
                reader.error(location, "a condition is a term, a list (any of), or a mapping with term, near, regex, context, or all / any / none")
                return nil
            }
            return parts.count == 1 ? parts[0] : .all(parts, location)
        case .alias:
            reader.error(location, "YAML aliases are not supported in rules; use a synonym set (@name)")
            return nil
        }
    }

    private static func term(_ text: String, mode: TermSpec.Mode?, negation: TermSpec.Negation?, _ location: SourceLocation, _ reader: YAMLReader) -> Condition {
        if text.hasPrefix("@") {
            return .set(name: String(text.dropFirst()), mode: mode, negation: negation, location: location)
        }
        return .term(TermSpec(text: text, mode: mode ?? .word, negation: negation ?? .respect, location: location))
    }

    private static func readContextCondition(_ node: Node, _ reader: YAMLReader) -> Condition? {
        guard case let .mapping(mapping) = node, mapping.count == 1 else {
            reader.error(reader.location(node), "context takes one key and its expected value, e.g. context: {channel: phone}")
            return nil
        }
        return contextTests(node, reader)?.first.map { .context(key: $0.key, test: $0.test, $0.location) }
    }

    /// Context tests written as a mapping, `{abuseWarnings: 1, channel: [phone, sms]}`: a value,
    /// a list of values (one of them), or `{min: N}` / `{max: N}`. Also read by the reply catalog.
    package static func contextTests(_ node: Node, _ reader: YAMLReader) -> [(key: String, test: ContextTest, location: SourceLocation)]? {
        guard case let .mapping(mapping) = node, !mapping.isEmpty else {
            reader.error(reader.location(node), "context takes keys and their expected values, e.g. context: {channel: phone}")
            return nil
        }
        func contextValue(_ node: Node) -> ContextValue? {
            if let text = node.string, text == "true" || text == "false" { return .bool(text == "true") }
            if let number = node.int { return .int(number) }
            return node.string.map { .string($0) }
        }
        var tests: [(key: String, test: ContextTest, location: SourceLocation)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.string, TicketContext.conditionKeys.contains(key) else {
                reader.error(reader.location(keyNode), "unknown context key ‘\(keyNode.string ?? "")’; conditions can test \(TicketContext.conditionKeys.joined(separator: ", "))")
                return nil
            }
            switch value {
            case let .sequence(sequence):
                tests.append((key, .equals(sequence.compactMap(contextValue)), reader.location(keyNode)))
            case .mapping:
                guard let pairs = reader.mapping(value, "a context test", allowed: ["min", "max"]), pairs.count == 1 else { return nil }
                if let node = pairs["min"]?.value, let number = reader.integer(node, "min") { tests.append((key, .atLeast(number), reader.location(node))) }
                else if let node = pairs["max"]?.value, let number = reader.integer(node, "max") { tests.append((key, .atMost(number), reader.location(node))) }
                else { return nil }
            default:
                guard let expected = contextValue(value) else { return nil }
                tests.append((key, .equals([expected]), reader.location(keyNode)))
            }
        }
        return tests
    }

    // MARK: Regression tickets

    private static func readTests(_ root: Node, _ reader: YAMLReader) -> [RegressionTicket] {
        guard let list = reader.sequence(root, "a regression test file") else { return [] }
        return list.compactMap { node in
            guard let pairs = reader.mapping(node, "a regression ticket", allowed: ["text", "category", "subcategory", "flags", "context", "why"], required: ["text", "category"]),
                  let text = pairs["text"].flatMap({ reader.string($0.value, "text") }) else { return nil }
            var subcategory: String?? = nil
            if let value = pairs["subcategory"]?.value { subcategory = YAMLReader.isNull(value) ? .some(nil) : reader.string(value, "subcategory").map { .some($0) } }
            return RegressionTicket(text: text, context: pairs["context"].flatMap { readContext($0.value, reader) } ?? TicketContext(),
                                    category: pairs["category"].flatMap { reader.string($0.value, "category") },
                                    subcategory: subcategory, flags: pairs["flags"].flatMap { reader.strings($0.value, "flags") }?.map(\.0),
                                    location: reader.location(node))
        }
    }
}
