/// What the pipeline knows about each code point, loaded once from the tables generated from ICU
/// at build time (see `UnicodeTableGenerator`).
struct UnicodeTables: Sendable {
    /// The classes the tokenizer tells apart.
    enum CharacterClass: UInt8, Sendable {
        case letter, mark, digit, otherNumber, punctuation, symbol, whitespace, control, format, other
    }

    /// How NFKC_Casefold treats a code point that is not simply itself.
    struct NormalizationEntry: Hashable, Sendable {
        var combiningClass: UInt8
        var boundaryBefore: Bool
        /// The mapping, as a range of `UnicodeTables.mappings`.
        var mappingStart: Int32
        var mappingCount: Int32
    }

    /// Script code, class and the Traditional/Simplified-only marks, packed (see `pack`).
    private let properties: CodePointTable<UInt16>
    /// Index into `normalizationEntries`; 0 means "maps to itself, class 0, boundary before".
    private let normalizationIndex: CodePointTable<UInt16>
    private let normalizationEntries: [NormalizationEntry]
    /// Every mapping's scalars, back to back.
    let mappings: [UInt32]
    /// ICU's script names by script code.
    private let scriptNames: [String]
    /// Traditional→Simplified: the single-character target (0: none) and whether a phrase rule
    /// starts with this character.
    private let simplification: CodePointTable<UInt32>
    /// Phrase rules by first character, longest first.
    let simplificationPhrases: [UInt32: [(source: [UInt32], target: [UInt32])]]

    static let shared = UnicodeTables()
    static let hanScript = 17, tibetanScript = 39, latinScript = 25, commonScript = 0, inheritedScript = 1

    private static let phraseStartFlag: UInt32 = 1 << 31

    private init() {
        var entries = [NormalizationEntry(combiningClass: 0, boundaryBefore: true, mappingStart: 0, mappingCount: 0)]
        var mappings: [UInt32] = []
        var indexOf: [UInt32: UInt16] = [:]
        for line in GeneratedUnicodeTables.normalization.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            let mapping = fields[3].split(separator: ",").map { UInt32($0, radix: 16)! }
            indexOf[UInt32(fields[0], radix: 16)!] = UInt16(entries.count)
            entries.append(NormalizationEntry(combiningClass: UInt8(fields[1])!, boundaryBefore: fields[2] == "1",
                                              mappingStart: Int32(mappings.count), mappingCount: Int32(mapping.count)))
            mappings += mapping
        }
        normalizationEntries = entries
        self.mappings = mappings
        normalizationIndex = CodePointTable(default: 0, exceptions: indexOf)

        let toSimplified = Set(GeneratedUnicodeTables.changedBySimplification.unicodeScalars.map(\.value))
        let toTraditional = Set(GeneratedUnicodeTables.changedByTraditionalisation.unicodeScalars.map(\.value))

        var runs: [(start: UInt32, value: UInt16)] = []
        for line in GeneratedUnicodeTables.characterClasses.split(separator: "\n") {
            let fields = line.split(separator: " ")
            let characterClass: CharacterClass = switch fields[2] {
            case "L": .letter
            case "M": .mark
            case "N": .digit
            case "O": .otherNumber
            case "P": .punctuation
            case "S": .symbol
            case "Z": .whitespace
            case "C": .control
            case "F": .format
            default: .other
            }
            runs.append((UInt32(fields[0], radix: 16)!, Self.pack(script: Int(fields[1])!, characterClass)))
        }
        // Han runs are split per character where a character is Traditional-only or Simplified-only.
        var marked: [(start: UInt32, value: UInt16)] = []
        for (index, run) in runs.enumerated() {
            let end = index + 1 < runs.count ? runs[index + 1].start : 0x110000
            guard Int(run.value >> 8) == Self.hanScript else { marked.append(run); continue }
            var start = run.start
            for codePoint in toSimplified.union(toTraditional).filter({ $0 >= run.start && $0 < end }).sorted() {
                if codePoint > start { marked.append((start, run.value)) }
                let flag = !toTraditional.contains(codePoint) ? Self.traditionalOnlyFlag : !toSimplified.contains(codePoint) ? Self.simplifiedOnlyFlag : 0
                marked.append((codePoint, run.value | flag))
                start = codePoint + 1
            }
            if start < end { marked.append((start, run.value)) }
        }
        properties = CodePointTable(runs: marked)
        var names: [Int: String] = [:]
        for line in GeneratedUnicodeTables.scriptNames.split(separator: "\n") {
            let fields = line.split(separator: " ", maxSplits: 1)
            names[Int(fields[0])!] = String(fields[1])
        }
        scriptNames = (0...(names.keys.max() ?? 0)).map { names[$0] ?? "Unknown" }

        var single: [UInt32: UInt32] = [:]
        var phrases: [UInt32: [(source: [UInt32], target: [UInt32])]] = [:]
        for line in GeneratedUnicodeTables.traditionalToSimplified.split(separator: "\n") {
            let fields = line.split(separator: " ")
            let source = fields[0].unicodeScalars.map(\.value), target = fields[1].unicodeScalars.map(\.value)
            if source.count == 1 {
                if single[source[0]] == nil { single[source[0]] = target[0] }  // ICU applies the first rule
            } else {
                phrases[source[0], default: []].append((source, target))
            }
        }
        for first in phrases.keys {
            single[first] = (single[first] ?? first) | Self.phraseStartFlag
            phrases[first]!.sort { $0.source.count > $1.source.count }
        }
        simplification = CodePointTable(default: 0, exceptions: single)
        simplificationPhrases = phrases
    }

    private static let traditionalOnlyFlag: UInt16 = 0x10, simplifiedOnlyFlag: UInt16 = 0x20

    /// `script << 8 | flags | class`: the class in the low 4 bits, the two Han marks above it.
    private static func pack(script: Int, _ characterClass: CharacterClass) -> UInt16 {
        UInt16(script) << 8 | UInt16(characterClass.rawValue)
    }

    @inline(__always) func script(_ codePoint: UInt32) -> Int { Int(properties[codePoint] >> 8) }

    @inline(__always) func characterClass(_ codePoint: UInt32) -> CharacterClass {
        CharacterClass(rawValue: UInt8(truncatingIfNeeded: properties[codePoint] & 0xF)) ?? .other
    }

    @inline(__always) func normalization(_ codePoint: UInt32) -> NormalizationEntry? {
        let index = normalizationIndex[codePoint]
        return index == 0 ? nil : normalizationEntries[Int(index)]
    }

    /// The Simplified form of a character on its own (itself when unchanged) and whether ICU has
    /// phrase rules that start with it.
    @inline(__always) func simplified(_ codePoint: UInt32) -> (target: UInt32, startsPhrase: Bool) {
        let value = simplification[codePoint]
        let target = value & ~Self.phraseStartFlag
        return (target == 0 ? codePoint : target, value & Self.phraseStartFlag != 0)
    }

    /// A character only Traditional text uses: changed to Simplified, unchanged the other way.
    @inline(__always) func isTraditionalOnly(_ codePoint: UInt32) -> Bool { properties[codePoint] & Self.traditionalOnlyFlag != 0 }
    /// A character only Simplified text uses: changed to Traditional, unchanged the other way.
    @inline(__always) func isSimplifiedOnly(_ codePoint: UInt32) -> Bool { properties[codePoint] & Self.simplifiedOnlyFlag != 0 }

    func scriptName(_ code: Int) -> String { code >= 0 && code < scriptNames.count ? scriptNames[code] : "Unknown" }
}
