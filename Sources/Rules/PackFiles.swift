import Foundation
import Text

/// The files of a rule pack, by path relative to the pack's folder (`pack.yaml`,
/// `lexicons/zh.txt`, `billing.yaml`, `tests/negation.yaml`, …).
public struct PackFiles: Sendable {
    /// What diagnostics put before a relative path (`rules`, or the folder given with `--rules`).
    public var root: String
    public var contents: [String: [UInt8]]

    public init(root: String, contents: [String: [UInt8]]) {
        self.root = root
        self.contents = contents
    }

    /// Every file under a folder; `holding` names the file that marks the kind of folder expected.
    public static func directory(_ path: String, holding marker: String = "pack.yaml") throws(DiagnosticsError) -> PackFiles {
        let root = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
              let walker = FileManager.default.enumerator(atPath: path) else {
            throw DiagnosticsError([Diagnostic(path: path, line: 1, column: 1, message: "not a folder; give the folder that holds \(marker)")])
        }
        var contents: [String: [UInt8]] = [:]
        for case let relative as String in walker {
            let url = root.appendingPathComponent(relative)
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true,
                  !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw DiagnosticsError([Diagnostic(path: url.path, line: 1, column: 1, message: "cannot read the file")])
            }
            contents[relative] = Array(data)
        }
        return PackFiles(root: path, contents: contents)
    }

    package func display(_ relative: String) -> String { root.isEmpty ? relative : "\(root)/\(relative)" }

    /// Rule files: every `.yaml` but the manifest and the regression tests, sorted.
    var ruleFiles: [String] {
        contents.keys.filter { $0.hasSuffix(".yaml") && $0 != "pack.yaml" && !$0.hasPrefix("tests/") }.sorted()
    }

    var testFiles: [String] { contents.keys.filter { $0.hasPrefix("tests/") && $0.hasSuffix(".yaml") }.sorted() }
}
