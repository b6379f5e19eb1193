import Text
import Yams

/// Reads one YAML file of a pack, collecting every problem as a diagnostic with its place.
package final class YAMLReader {
    package let path: String
    package private(set) var diagnostics: [Diagnostic] = []

    package init(path: String) { self.path = path }

    package func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(location.diagnostic(message))
    }

    package func location(_ node: Node?) -> SourceLocation {
        SourceLocation(path: path, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }

    /// Parses the file; nil (with diagnostics) when it is not valid UTF-8 or not valid YAML.
    package func parse(_ bytes: [UInt8]) -> Node? {
        if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
            let before = bytes[..<bad]
            let line = before.filter { $0 == 0x0A }.count + 1
            let lineStart = (before.lastIndex(of: 0x0A) ?? -1) + 1
            let column = String(decoding: bytes[lineStart..<bad], as: UTF8.self).unicodeScalars.count + 1
            error(SourceLocation(path: path, line: line, column: column), "invalid UTF-8; save the file as UTF-8")
            return nil
        }
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            // The basic resolver: scalars are read as text and typed by the reader where a key
            // expects a number, boolean or null (typing every scalar by regex is slow).
            return try Yams.compose(yaml: text, .basic)
        } catch let yamlError as YamlError {
            let (mark, problem) = Self.describe(yamlError)
            error(SourceLocation(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1), "not valid YAML: \(problem)")
        } catch {
            self.error(SourceLocation(path: path, line: 1, column: 1), "not valid YAML: \(error)")
        }
        return nil
    }

    private static func describe(_ error: YamlError) -> (Mark?, String) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            return (mark, [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " "))
        case let .duplicatedKeysInMapping(duplicates, context):
            return (context.mark, "duplicate keys \(duplicates.joined(separator: ", "))")
        default:
            return (nil, "\(error)")
        }
    }

    /// The pairs of a mapping, checking its keys: unknown and duplicate keys are errors, and so is
    /// a missing required key. `what` names the mapping in messages ("a rule").
    package func mapping(_ node: Node, _ what: String, allowed: [String], required: [String] = []) -> [String: (key: Node, value: Node)]? {
        guard case let .mapping(mapping) = node else {
            error(location(node), "\(what) must be a mapping (key: value lines)")
            return nil
        }
        var pairs: [String: (key: Node, value: Node)] = [:]
        for (key, value) in mapping {
            guard let name = key.string else { error(location(key), "\(what) has a key that is not text"); continue }
            if pairs[name] != nil { error(location(key), "duplicate key ‘\(name)’ in \(what)"); continue }
            if !allowed.contains(name) {
                error(location(key), "unknown key ‘\(name)’ in \(what); the keys are \(allowed.joined(separator: ", "))")
                continue
            }
            pairs[name] = (key, value)
        }
        for name in required where pairs[name] == nil {
            error(location(node), "\(what) needs a ‘\(name)’ key")
        }
        return pairs
    }

    package func string(_ node: Node, _ what: String) -> String? {
        guard case let .scalar(scalar) = node else {
            error(location(node), "\(what) must be text, not a \(Self.kind(node))")
            return nil
        }
        return scalar.string
    }

    package func integer(_ node: Node, _ what: String) -> Int? {
        guard case .scalar = node, let value = node.int else {
            error(location(node), "\(what) must be a whole number")
            return nil
        }
        return value
    }

    package func boolean(_ node: Node, _ what: String) -> Bool? {
        guard case let .scalar(scalar) = node, scalar.style == .plain, scalar.string == "true" || scalar.string == "false" else {
            error(location(node), "\(what) must be true or false")
            return nil
        }
        return scalar.string == "true"
    }

    /// A list of texts; a single text is taken as a list of one.
    package func strings(_ node: Node, _ what: String) -> [(String, Node)]? {
        switch node {
        case .scalar: return string(node, what).map { [($0, node)] }
        case let .sequence(sequence):
            return sequence.compactMap { item in string(item, "each item of \(what)").map { ($0, item) } }
        default:
            error(location(node), "\(what) must be a list of texts")
            return nil
        }
    }

    package func sequence(_ node: Node, _ what: String) -> [Node]? {
        guard case let .sequence(sequence) = node else {
            error(location(node), "\(what) must be a list (lines starting with -)")
            return nil
        }
        return Array(sequence)
    }

    /// Whether a node is YAML's null (`null`, `~` or nothing, unquoted).
    package static func isNull(_ node: Node) -> Bool {
        guard case let .scalar(scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["null", "Null", "NULL", "~", ""].contains(scalar.string)
    }

    package static func kind(_ node: Node) -> String {
        switch node {
        case .scalar: "text"
        case .mapping: "mapping"
        case .sequence: "list"
        case .alias: "alias"
        }
    }
}
