import Foundation

/// Packs of many generated rules, for measuring how classification scales with the number of
/// rules. Their terms are words that really occur in the given texts, so rules are triggered.
public enum GeneratedPack {
    /// The base pack's manifest and lexicons with `rules` generated rules instead of its own.
    public static func files(rules count: Int, from texts: [String], base: PackFiles) -> PackFiles {
        let tokenizer = try! TriageEngine(files: base).pack.tokenizer
        var words: [String] = [], seen = Set<String>()
        for text in texts {
            for token in tokenizer.tokenize(text).tokens where token.normalized.unicodeScalars.count >= 2 && !token.isPunctuation {
                if seen.insert(token.normalized).inserted { words.append(token.normalized) }
            }
        }
        let categories = try! TriageEngine(files: base).pack.manifest.categories.map(\.code)
        var yaml = "rules:\n"
        for index in 0..<count {
            let first = words[(index * 7) % words.count], second = words[(index * 13 + 5) % words.count], blocked = words[(index * 3 + 1) % words.count]
            yaml += """
              - id: generated.\(index)
                category: \(categories[index % categories.count])
                when: {any: ["\(first)", "\(second)"], none: ["\(blocked)"]}
                examples: {match: ["\(first)"], no_match: ["-"]}

            """
        }
        var contents = base.contents.filter { $0.key == "pack.yaml" || $0.key.hasPrefix("lexicons/") }
        contents["generated.yaml"] = Array(yaml.utf8)
        return PackFiles(root: "generated", contents: contents)
    }
}
