import ICUBridge

/// A text in the form rules match against, with every normalised scalar traced back to the
/// original text.
///
/// Normalisation is NFKC with case folding (full-width → ASCII, zero-width characters removed),
/// decimal digits of every script as ASCII digits (NFKC leaves Tibetan digits alone), Tibetan
/// vowel signs in canonical order with the discouraged precomposed signs decomposed, and
/// Traditional → Simplified by ICU's rules (phrase rules included). The original is never changed.
public struct NormalizedText: Sendable {
    /// The original text.
    public let original: String
    /// The normalised scalars.
    public private(set) var scalars: [UInt32] = []
    /// For each normalised scalar, the original scalars it came from: `[sourceStart, sourceEnd)`.
    private(set) var sourceStart: [Int32] = []
    private(set) var sourceEnd: [Int32] = []
    /// UTF-8 offset of each original scalar, plus the total length at the end.
    private(set) var originalByteOffsets: [Int32] = []


    /// The number of scalars in the original text.
    public var originalScalarCount: Int { originalByteOffsets.count - 1 }

    /// The normalised text as a string.
    public var string: String {
        var result = String.UnicodeScalarView()
        for value in scalars { result.append(Unicode.Scalar(value)!) }
        return String(result)
    }

    public init(_ text: String) {
        original = text
        let tables = UnicodeTables.shared
        var input: [UInt32] = []
        input.reserveCapacity(text.utf8.count)
        originalByteOffsets.reserveCapacity(text.utf8.count + 1)
        var offset: Int32 = 0
        for scalar in text.unicodeScalars {
            input.append(scalar.value)
            originalByteOffsets.append(offset)
            offset += Int32(UTF8.width(scalar))
        }
        originalByteOffsets.append(offset)
        originalScalars = input
        scalars.reserveCapacity(input.count)
        sourceStart.reserveCapacity(input.count)
        sourceEnd.reserveCapacity(input.count)

        var index = 0
        while index < input.count {
            // A segment runs from a character with a normalisation boundary before it to the next
            // such character; segments normalise independently of each other.
            var end = index + 1
            while end < input.count, let entry = tables.normalization(input[end]), !entry.boundaryBefore { end += 1 }
            if end == index + 1 {
                if let entry = tables.normalization(input[index]) {
                    for position in entry.mappingStart..<entry.mappingStart + entry.mappingCount {
                        append(tables.mappings[Int(position)], from: index, to: end)
                    }
                } else {
                    append(input[index], from: index, to: end)
                }
            } else if Self.isCanonicalTibetan(input[index..<end], tables) {
                // The usual Tibetan syllable: nothing to decompose, marks already in order.
                for position in index..<end { append(input[position], from: index, to: end) }
            } else {
                let segment = input[index..<end]
                let mapped = segment.allSatisfy { (0x0F00...0x0FFF).contains($0) }
                    ? Self.tibetanSegment(segment, tables) : Self.icuSegment(segment, tables)
                for value in mapped { append(value, from: index, to: end) }
            }
            index = end
        }
        simplify(tables)
    }

    /// The original text's scalars.
    private(set) var originalScalars: [UInt32] = []

    @inline(__always)
    private mutating func append(_ value: UInt32, from start: Int, to end: Int) {
        scalars.append(value)
        sourceStart.append(Int32(start))
        sourceEnd.append(Int32(end))
    }

    /// Tibetan whose characters all map to themselves with combining classes in canonical order.
    @inline(__always)
    private static func isCanonicalTibetan(_ segment: ArraySlice<UInt32>, _ tables: UnicodeTables) -> Bool {
        var previousClass: UInt8 = 0
        for value in segment {
            guard (0x0F00...0x0FFF).contains(value) else { return false }
            guard let entry = tables.normalization(value) else { previousClass = 0; continue }
            guard entry.mappingCount == 1, tables.mappings[Int(entry.mappingStart)] == value else { return false }
            if entry.combiningClass != 0 && entry.combiningClass < previousClass { return false }
            previousClass = entry.combiningClass
        }
        return true
    }

    /// Tibetan never composes under NFKC, so a segment is each character's own mapping followed by
    /// canonical reordering of the combining marks.
    private static func tibetanSegment(_ segment: ArraySlice<UInt32>, _ tables: UnicodeTables) -> [UInt32] {
        var output: [UInt32] = []
        for value in segment {
            if let entry = tables.normalization(value) {
                output += tables.mappings[Int(entry.mappingStart)..<Int(entry.mappingStart + entry.mappingCount)]
            } else {
                output.append(value)
            }
        }
        func combiningClass(_ value: UInt32) -> UInt8 { tables.normalization(value)?.combiningClass ?? 0 }
        var start = 0
        while start < output.count {
            guard combiningClass(output[start]) != 0 else { start += 1; continue }
            var end = start
            while end < output.count, combiningClass(output[end]) != 0 { end += 1 }
            let sorted = output[start..<end].enumerated().sorted { a, b in
                let ca = combiningClass(a.element), cb = combiningClass(b.element)
                return ca != cb ? ca < cb : a.offset < b.offset
            }.map(\.element)
            output.replaceSubrange(start..<end, with: sorted)
            start = end
        }
        return output
    }

    /// Anything else that spans several characters (a letter with combining accents, Hangul jamo)
    /// goes to ICU; these are rare in tickets.
    private static func icuSegment(_ segment: ArraySlice<UInt32>, _ tables: UnicodeTables) -> [UInt32] {
        var utf16: [UInt16] = []
        for value in segment { utf16 += Array(String(Character(Unicode.Scalar(value)!)).utf16) }
        var output = [UInt16](repeating: 0, count: utf16.count * 4 + 8)
        var length = Int(tt_nfkc_cf_normalize(utf16, Int32(utf16.count), &output, Int32(output.count)))
        if length > output.count {
            output = [UInt16](repeating: 0, count: length)
            length = Int(tt_nfkc_cf_normalize(utf16, Int32(utf16.count), &output, Int32(output.count)))
        }
        guard length >= 0 else { return Array(segment) }
        return String(decoding: output[0..<length], as: UTF16.self).unicodeScalars.map { scalar in
            // ICU keeps non-ASCII digits; the table maps them, as for single characters.
            guard tables.characterClass(scalar.value) == .digit, let entry = tables.normalization(scalar.value) else { return scalar.value }
            return tables.mappings[Int(entry.mappingStart)]
        }
    }

    /// Traditional → Simplified with ICU's rules: at each position the longest phrase rule that
    /// matches, else the character's own rule. Every rule keeps the length.
    private mutating func simplify(_ tables: UnicodeTables) {
        scalars.withUnsafeMutableBufferPointer { scalars in
            var index = 0
            while index < scalars.count {
                let (target, startsPhrase) = tables.simplified(scalars[index])
                if startsPhrase, let phrases = tables.simplificationPhrases[scalars[index]],
                   let phrase = phrases.first(where: { phrase in
                       index + phrase.source.count <= scalars.count
                           && phrase.source.indices.allSatisfy { scalars[index + $0] == phrase.source[$0] }
                   }) {
                    for offset in phrase.target.indices { scalars[index + offset] = phrase.target[offset] }
                    index += phrase.source.count
                    continue
                }
                scalars[index] = target
                index += 1
            }
        }
    }

    /// The original scalar range behind normalised scalars `[start, end)`.
    public func originalScalarRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let position = range.lowerBound < scalars.count ? Int(sourceStart[range.lowerBound]) : originalScalarCount
            return position..<position
        }
        return Int(sourceStart[range.lowerBound])..<Int(sourceEnd[range.upperBound - 1])
    }

    /// The UTF-8 byte offset of an original scalar offset.
    public func byteOffset(ofOriginalScalar offset: Int) -> Int { Int(originalByteOffsets[offset]) }
}
