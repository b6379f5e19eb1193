import Rules
import TicketTriage

/// The default pack's manifest and lexicons with the given rule file instead of its rules.
func pack(rules yaml: String, manifest: ((String) -> String)? = nil) throws -> TriageEngine {
    var contents = BundledDefaults.rulePack.contents.filter { $0.key == "pack.yaml" || $0.key.hasPrefix("lexicons/") }
    contents["test.yaml"] = Array(yaml.utf8)
    if let manifest { contents["pack.yaml"] = Array(manifest(String(decoding: contents["pack.yaml"]!, as: UTF8.self)).utf8) }
    return try TriageEngine(files: PackFiles(root: "pack", contents: contents))
}

/// Diagnostics of a pack that must not load.
func diagnostics(rules yaml: [UInt8]) -> [String] {
    var contents = BundledDefaults.rulePack.contents.filter { $0.key == "pack.yaml" || $0.key.hasPrefix("lexicons/") }
    contents["test.yaml"] = yaml
    do {
        _ = try TriageEngine(files: PackFiles(root: "pack", contents: contents))
        return []
    } catch {
        return error.diagnostics.map(\.description)
    }
}

extension TriageEngine {
    func fired(_ text: String, context: TicketContext = TicketContext()) -> [String] { classify(text, context: context).rules.map(\.id).sorted() }
}
