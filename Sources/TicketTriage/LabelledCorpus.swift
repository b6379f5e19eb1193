import Foundation

/// A ticket of a labelled corpus (`corpus/dev.jsonl`, `corpus/test.jsonl`).
public struct LabelledTicket: Sendable {
    public var id: String
    public var text: String
    public var category: String
    public var subcategory: String?
    public var flags: [String]
    public var language: String
    public var register: String
}

public enum LabelledCorpus {
    /// Reads a JSONL file or every `.jsonl` file of a folder; a bad line is an error naming its place.
    public static func load(_ path: String) throws(DiagnosticsError) -> [LabelledTicket] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticsError([Diagnostic(path: path, line: 1, column: 1, message: "no such corpus file or folder")])
        }
        let files = isDirectory.boolValue
            ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted().map { (path as NSString).appendingPathComponent($0) }
            : [path]
        var tickets: [LabelledTicket] = [], diagnostics: [Diagnostic] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                diagnostics.append(Diagnostic(path: file, line: 1, column: 1, message: "cannot read the file"))
                continue
            }
            for (index, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
                guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any],
                      let id = object["id"] as? String, let text = object["text"] as? String,
                      let category = object["category"] as? String, let language = object["language"] as? String else {
                    diagnostics.append(Diagnostic(path: file, line: index + 1, column: 1, message: "not a labelled ticket: id, text, category and language are required"))
                    continue
                }
                tickets.append(LabelledTicket(id: id, text: text, category: category, subcategory: object["subcategory"] as? String,
                                              flags: object["flags"] as? [String] ?? [], language: language,
                                              register: object["register"] as? String ?? "customer"))
            }
        }
        if !diagnostics.isEmpty { throw DiagnosticsError(diagnostics) }
        return tickets
    }
}
