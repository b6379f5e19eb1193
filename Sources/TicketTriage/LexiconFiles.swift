import Foundation

extension Tokenizer {
    /// A tokenizer with the lexicons of a pack directory (`DIR/lexicons/zh.txt`, `DIR/lexicons/bo.txt`).
    public static func loading(packDirectory: String) throws -> Tokenizer {
        func lexicon(_ name: String, _ script: Lexicon.Script) throws -> Lexicon {
            let path = (packDirectory as NSString).appendingPathComponent("lexicons/\(name)")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DiagnosticsError([Diagnostic(path: path, line: 1, column: 1, message: "cannot read the lexicon file; check that it exists and is readable")])
            }
            return try Lexicon.parse(Array(data), path: path, script: script)
        }
        return try Tokenizer(chinese: lexicon("zh.txt", .han), tibetan: lexicon("bo.txt", .tibetan))
    }
}
