/// The language of a ticket, decided from its text alone by the taxonomy's counting rule.
public enum Language: String, Sendable, CaseIterable, Codable {
    case simplifiedChinese = "zh-Hans"
    case traditionalChinese = "zh-Hant"
    case tibetan = "bo"
    case mixed = "mixed"
}

/// The counts the language rule reads.
public struct ScriptCounts: Sendable, Equatable {
    /// Han characters.
    public var han = 0
    /// Tibetan letters (U+0F40–U+0FBC).
    public var tibetanLetters = 0
    /// Runs of Tibetan letters: syllables, as tsheg, shad and spaces separate them.
    public var tibetanSyllables = 0
    /// Latin letters in words that are not all capitals (APP, EV do not count; bill, tingdian do).
    public var latinLetters = 0
    /// Distinct characters that only Traditional text uses, and that only Simplified text uses.
    public var traditionalOnly = 0
    public var simplifiedOnly = 0
    /// Those characters, in order of first appearance.
    private(set) var traditionalOnlyScalars: [UInt32] = []
    private(set) var simplifiedOnlyScalars: [UInt32] = []

    public init(_ text: String) {
        self.init(scalars: text.unicodeScalars.map(\.value))
    }

    init(scalars: [UInt32]) {
        let tables = UnicodeTables.shared
        var wordLetters = 0, wordHasLowercase = false, inSyllable = false
        func endWord() {
            if wordHasLowercase { latinLetters += wordLetters }
            wordLetters = 0
            wordHasLowercase = false
        }
        for value in scalars {
            let properties = tables.properties(value)
            let script = properties.script
            if script == UnicodeTables.latinScript, properties.characterClass == .letter {
                wordLetters += 1
                let isUppercase = value < 0x80 ? (0x41...0x5A).contains(value) : Unicode.Scalar(value)!.properties.isUppercase
                if !isUppercase { wordHasLowercase = true }
                continue
            }
            endWord()
            if (0x0F40...0x0FBC).contains(value) {
                tibetanLetters += 1
                if !inSyllable { tibetanSyllables += 1 }
                inSyllable = true
                continue
            }
            inSyllable = false
            if script == UnicodeTables.hanScript {
                han += 1
                // Distinct characters: a ticket has few, so a short list beats hashing.
                if properties.isTraditionalOnly { Self.insert(value, into: &traditionalOnlyScalars) }
                else if properties.isSimplifiedOnly { Self.insert(value, into: &simplifiedOnlyScalars) }
            }
        }
        endWord()
        traditionalOnly = traditionalOnlyScalars.count
        simplifiedOnly = simplifiedOnlyScalars.count
    }

    @inline(__always)
    private static func insert(_ value: UInt32, into list: inout [UInt32]) {
        guard !list.contains(value) else { return }
        if list.isEmpty { list.reserveCapacity(16) }  // grown once, not at 1, 2, 4 and 8
        list.append(value)
    }

    /// The taxonomy's rule: `mixed` when two of (Tibetan ≥ 4, Han ≥ 2, Latin ≥ 4) hold; else `bo`
    /// with any Tibetan letter; else `zh-Hant` with more Traditional-only than Simplified-only
    /// characters; else `zh-Hans` (also for text with no Han or Tibetan at all).
    public var language: Language {
        let substantial = (tibetanLetters >= 4 ? 1 : 0) + (han >= 2 ? 1 : 0) + (latinLetters >= 4 ? 1 : 0)
        if substantial >= 2 { return .mixed }
        if tibetanLetters > 0 { return .tibetan }
        return traditionalOnly > simplifiedOnly ? .traditionalChinese : .simplifiedChinese
    }
}

extension ScriptCounts {
    /// The distinct characters of a text that only Traditional, and only Simplified, Chinese uses.
    public static func variantOnlyCharacters(in text: String) -> (traditional: [Character], simplified: [Character]) {
        let counts = ScriptCounts(text)
        func characters(_ scalars: [UInt32]) -> [Character] { scalars.map { Character(Unicode.Scalar($0)!) } }
        return (characters(counts.traditionalOnlyScalars), characters(counts.simplifiedOnlyScalars))
    }

    /// The locale of the reply (the taxonomy's rule): the language itself; for `mixed`, Tibetan
    /// when Tibetan syllables are at least as many as Han characters, else the Chinese variant.
    public var replyLanguage: Language {
        let language = language
        guard language == .mixed else { return language }
        if tibetanSyllables >= han { return .tibetan }
        return traditionalOnly > simplifiedOnly ? .traditionalChinese : .simplifiedChinese
    }
}

extension Language {
    /// The language of a text by the taxonomy's counting rule.
    public init(identifying text: String) {
        self = ScriptCounts(text).language
    }
}
