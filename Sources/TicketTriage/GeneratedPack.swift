import Foundation

/// Packs of many generated rules, for measuring how classification scales with the number of
/// rules. Every rule has terms of its own, taken from token n-grams that really occur in the given
/// texts, so rules are triggered the way real ones are.
public enum GeneratedPack {
    /// The base pack's manifest and lexicons with `rules` generated rules instead of its own.
    public static func files(rules count: Int, from texts: [String], base: PackFiles) throws -> PackFiles {
        let engine = try TriageEngine(files: base)
        var terms: [String] = [], seen = Set<String>()
        for text in texts {
            let words = engine.pack.tokenizer.tokenize(text).tokens.filter { !$0.isPunctuation && $0.script != "Common" }
                .map { ($0.normalized, $0.script == "Tibetan") }
            for length in 1...3 where words.count >= length {
                for start in 0...(words.count - length) {
                    let gram = words[start..<start + length]
                    let term = gram.map(\.0).joined(separator: gram.first!.1 ? "་" : "")
                    if term.unicodeScalars.count >= 2, seen.insert(term).inserted { terms.append(term) }
                }
            }
        }
        // A fixed, well-spread order, so each size takes a fair sample.
        terms.sort { ($0.hashValueStable, $0) < ($1.hashValueStable, $1) }
        let categories = engine.pack.manifest.categories.map(\.code)
        var yaml = "rules:\n"
        for index in 0..<count {
            let (first, second, blocked) = (terms[(3 * index) % terms.count], terms[(3 * index + 1) % terms.count], terms[(3 * index + 2) % terms.count])
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

private extension String {
    /// A hash that is the same in every run (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 {
        var hash: UInt64 = 0xcbf29ce484222325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        return hash
    }
}
