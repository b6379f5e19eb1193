@_exported import Text

/// The default rule pack and reply catalog, compiled into the library so a service that embeds it
/// needs no checkout and no files at run time.
public enum BundledDefaults {
    /// The contents of a bundled file by its package-relative path (`rules/lexicons/zh.txt`).
    public static func file(_ path: String) -> String? { BundledFiles.contents[path] }

    /// Every bundled path, sorted.
    public static var paths: [String] { BundledFiles.contents.keys.sorted() }

    /// The default rule pack's files (`rules/…`).
    public static var rulePack: PackFiles { folder("rules") }

    private static func folder(_ name: String) -> PackFiles {
        var contents: [String: [UInt8]] = [:]
        for (path, text) in BundledFiles.contents where path.hasPrefix(name + "/") { contents[String(path.dropFirst(name.count + 1))] = Array(text.utf8) }
        return PackFiles(root: name, contents: contents)
    }

    /// The default reply-script catalog's files (`scripts/…`).
    public static var catalogFiles: PackFiles { folder("scripts") }

    /// The default reply-script catalog.
    public static func replyCatalog() throws(DiagnosticsError) -> ReplyCatalog {
        try ReplyCatalog.load(catalogFiles)
    }

    /// A tokenizer with the bundled lexicons.
    public static func tokenizer() throws -> Tokenizer {
        try Tokenizer(chinese: lexicon("rules/lexicons/zh.txt", .han), tibetan: lexicon("rules/lexicons/bo.txt", .tibetan))
    }

    private static func lexicon(_ path: String, _ script: Lexicon.Script) throws -> Lexicon {
        try Lexicon.parse(Array((file(path) ?? "").utf8), path: path, script: script)
    }
}
