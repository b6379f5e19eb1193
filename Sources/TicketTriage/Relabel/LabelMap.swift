import Foundation
import Rules
import Yams

/// The old system's business-type labels mapped to the pack's category codes (`--label-map`):
/// a YAML mapping, `故障报修: fault_repair`. Labels are matched after trimming spaces.
public struct LabelMap: Sendable {
    public var codes: [String: String]

    public init(codes: [String: String]) { self.codes = codes }

    /// Reads a map file; every problem is a diagnostic with its place, codes checked against the pack.
    public static func load(path: String, categories: [String]) throws(DiagnosticsError) -> LabelMap {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticsError([Diagnostic(path: path, line: 1, column: 1, message: "cannot read the label map")])
        }
        let reader = YAMLReader(path: path)
        var codes: [String: String] = [:]
        if let root = reader.parse(Array(data)) {
            if case let .mapping(mapping) = root {
                for (key, value) in mapping {
                    guard let label = key.string, let code = reader.string(value, "the code of \(key.string ?? "")") else { continue }
                    if !categories.contains(code) {
                        reader.error(reader.location(value), "unknown category \(code) for label \(label); the categories are \(categories.joined(separator: ", "))")
                    }
                    codes[label.trimmingCharacters(in: .whitespaces)] = code
                }
            } else {
                reader.error(reader.location(root), "a label map maps each old label to a category code, e.g. 故障报修: fault_repair")
            }
        }
        if !reader.diagnostics.isEmpty { throw DiagnosticsError(reader.diagnostics) }
        return LabelMap(codes: codes)
    }

    public func code(for label: String) -> String? { codes[label.trimmingCharacters(in: .whitespaces)] }
}
