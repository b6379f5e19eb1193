/// What the pipeline knows about each code point, loaded once from the tables generated from ICU
/// at build time (see `UnicodeTableGenerator`).
final class UnicodeTables: Sendable {
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
        TableScanner.scan(GeneratedUnicodeTables.normalization) { scanner in
            while !scanner.atEnd {
                let codePoint = scanner.hexadecimal(); scanner.skipSeparator()
                let combiningClass = UInt8(scanner.decimal()); scanner.skipSeparator()
                let boundaryBefore = scanner.byte() == UInt8(ascii: "1"); scanner.skipSeparator()
                let start = mappings.count
                while !scanner.atLineEnd { mappings.append(scanner.hexadecimal()); if !scanner.atLineEnd { scanner.skipSeparator() } }
                scanner.skipSeparator()
                indexOf[codePoint] = UInt16(entries.count)
                entries.append(NormalizationEntry(combiningClass: combiningClass, boundaryBefore: boundaryBefore,
                                                  mappingStart: Int32(start), mappingCount: Int32(mappings.count - start)))
            }
        }
        normalizationEntries = entries
        self.mappings = mappings
        normalizationIndex = CodePointTable(default: 0, exceptions: indexOf)

        let toSimplified = Set(GeneratedUnicodeTables.changedBySimplification.unicodeScalars.map(\.value))
        let toTraditional = Set(GeneratedUnicodeTables.changedByTraditionalisation.unicodeScalars.map(\.value))

        var runs: [(start: UInt32, value: UInt16)] = []
        TableScanner.scan(GeneratedUnicodeTables.characterClasses) { scanner in
            while !scanner.atEnd {
                let start = scanner.hexadecimal(); scanner.skipSeparator()
                let script = scanner.decimal(); scanner.skipSeparator()
                let characterClass: CharacterClass = switch scanner.byte() {
                case UInt8(ascii: "L"): .letter
                case UInt8(ascii: "M"): .mark
                case UInt8(ascii: "N"): .digit
                case UInt8(ascii: "O"): .otherNumber
                case UInt8(ascii: "P"): .punctuation
                case UInt8(ascii: "S"): .symbol
                case UInt8(ascii: "Z"): .whitespace
                case UInt8(ascii: "C"): .control
                case UInt8(ascii: "F"): .format
                default: .other
                }
                scanner.skipSeparator()
                runs.append((start, Self.pack(script: script, characterClass)))
            }
        }
        // Han runs are split per character where a character is Traditional-only or Simplified-only.
        let changed = toSimplified.union(toTraditional).sorted()
        var nextChanged = 0
        var marked: [(start: UInt32, value: UInt16)] = []
        for (index, run) in runs.enumerated() {
            let end = index + 1 < runs.count ? runs[index + 1].start : 0x110000
            guard Int(run.value >> 8) == Self.hanScript else { marked.append(run); continue }
            while nextChanged < changed.count, changed[nextChanged] < run.start { nextChanged += 1 }
            var start = run.start
            while nextChanged < changed.count, changed[nextChanged] < end {
                let codePoint = changed[nextChanged]
                if codePoint > start { marked.append((start, run.value)) }
                let flag = !toTraditional.contains(codePoint) ? Self.traditionalOnlyFlag : !toSimplified.contains(codePoint) ? Self.simplifiedOnlyFlag : 0
                marked.append((codePoint, run.value | flag))
                start = codePoint + 1
                nextChanged += 1
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
        TableScanner.scan(GeneratedUnicodeTables.traditionalToSimplified) { scanner in
            while !scanner.atEnd {
                let source = scanner.word(); scanner.skipSeparator()
                let target = scanner.word(); scanner.skipSeparator()
                if source.count == 1 {
                    if single[source[0]] == nil { single[source[0]] = target[0] }  // ICU applies the first rule
                } else {
                    phrases[source[0], default: []].append((source, target))
                }
            }
        }
        for first in phrases.keys {
            single[first] = (single[first] ?? first) | Self.phraseStartFlag
            phrases[first]!.sort { $0.source.count > $1.source.count }
        }
        simplification = CodePointTable(default: 0, exceptions: single)
        simplificationPhrases = phrases
    }

    fileprivate static let traditionalOnlyFlag: UInt16 = 0x10, simplifiedOnlyFlag: UInt16 = 0x20

    /// `script << 8 | flags | class`: the class in the low 4 bits, the two Han marks above it.
    private static func pack(script: Int, _ characterClass: CharacterClass) -> UInt16 {
        UInt16(script) << 8 | UInt16(characterClass.rawValue)
    }

    /// Everything the table knows of a code point, read once.
    struct Properties {
        fileprivate let packed: UInt16
        @inline(__always) var script: Int { Int(packed >> 8) }
        @inline(__always) var characterClass: CharacterClass { CharacterClass(rawValue: UInt8(truncatingIfNeeded: packed & 0xF)) ?? .other }
        /// A character only Traditional text uses: changed to Simplified, unchanged the other way.
        @inline(__always) var isTraditionalOnly: Bool { packed & UnicodeTables.traditionalOnlyFlag != 0 }
        /// A character only Simplified text uses: changed to Traditional, unchanged the other way.
        @inline(__always) var isSimplifiedOnly: Bool { packed & UnicodeTables.simplifiedOnlyFlag != 0 }
    }

    @inline(__always) func properties(_ codePoint: UInt32) -> Properties { Properties(packed: properties[codePoint]) }
    @inline(__always) func script(_ codePoint: UInt32) -> Int { properties(codePoint).script }
    @inline(__always) func characterClass(_ codePoint: UInt32) -> CharacterClass { properties(codePoint).characterClass }

    @inline(__always) func normalization(_ codePoint: UInt32) -> NormalizationEntry? {
        let index = normalizationIndex[codePoint]
        return index == 0 ? nil : normalizationEntries[Int(index)]
    }

    /// The code point's entry number: 0 when it maps to itself with class 0 and a boundary before.
    @inline(__always) func normalizationIndex(_ codePoint: UInt32) -> UInt16 { normalizationIndex[codePoint] }
    @inline(__always) func normalizationEntry(_ index: UInt16) -> NormalizationEntry { normalizationEntries[Int(index)] }

    /// The Simplified form of a character on its own (itself when unchanged) and whether ICU has
    /// phrase rules that start with it.
    @inline(__always) func simplified(_ codePoint: UInt32) -> (target: UInt32, startsPhrase: Bool) {
        let value = simplification[codePoint]
        let target = value & ~Self.phraseStartFlag
        return (target == 0 ? codePoint : target, value & Self.phraseStartFlag != 0)
    }


    func scriptName(_ code: Int) -> String { code >= 0 && code < scriptNames.count ? scriptNames[code] : "Unknown" }
}
