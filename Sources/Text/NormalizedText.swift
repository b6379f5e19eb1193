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
    public let scalars: [UInt32]
    /// For each normalised scalar, the original scalars it came from: `[sourceStart, sourceEnd)`.
    let sourceStart: [Int32]
    let sourceEnd: [Int32]
    /// UTF-8 offset of each original scalar, plus the total length at the end.
    let originalByteOffsets: [Int32]


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
        (originalScalars, originalByteOffsets) = Self.decode(text)
        var output = originalScalars.withUnsafeBufferPointer { Self.normalize($0, tables) }
        Self.simplify(&output.scalars, tables)
        (scalars, sourceStart, sourceEnd) = (output.scalars, output.sourceStart, output.sourceEnd)
    }

    /// Normalised scalars with, for each, the range of input scalars it came from.
    private struct Output {
        var scalars: [UInt32] = [], sourceStart: [Int32] = [], sourceEnd: [Int32] = []

        init(capacity: Int) {
            scalars.reserveCapacity(capacity)
            sourceStart.reserveCapacity(capacity)
            sourceEnd.reserveCapacity(capacity)
        }

        @inline(__always)
        mutating func append(_ value: UInt32, from start: Int, to end: Int) {
            scalars.append(value)
            sourceStart.append(Int32(truncatingIfNeeded: start))
            sourceEnd.append(Int32(truncatingIfNeeded: end))
        }
    }

    /// NFKC_Casefold with digits as ASCII digits and Tibetan marks in canonical order.
    private static func normalize(_ input: UnsafeBufferPointer<UInt32>, _ tables: UnicodeTables) -> Output {
        var output = Output(capacity: input.count)
        let count = input.count
        var index = 0
        var entry = count > 0 ? tables.normalizationIndex(input[0]) : 0
        while index < count {
            // A segment runs from a character with a normalisation boundary before it to the next
            // such character; segments normalise independently of each other.
            var end = index + 1, next: UInt16 = 0
            while end < count {
                next = tables.normalizationIndex(input[end])
                guard next != 0, !tables.normalizationEntry(next).boundaryBefore else { break }
                end += 1
            }
            if end == index + 1 {
                if entry == 0 {
                    output.append(input[index], from: index, to: end)
                } else {
                    let mapping = tables.normalizationEntry(entry)
                    for position in mapping.mappingStart..<mapping.mappingStart + mapping.mappingCount {
                        output.append(tables.mappings[Int(position)], from: index, to: end)
                    }
                }
            } else {
                let segment = UnsafeBufferPointer(rebasing: input[index..<end])
                if isCanonicalTibetan(segment, tables) {
                    // The usual Tibetan syllable: nothing to decompose, marks already in order.
                    for value in segment { output.append(value, from: index, to: end) }
                } else {
                    let mapped = segment.allSatisfy { (0x0F00...0x0FFF).contains($0) }
                        ? tibetanSegment(segment, tables) : icuSegment(segment, tables)
                    for value in mapped { output.append(value, from: index, to: end) }
                }
            }
            index = end
            entry = next
        }
        return output
    }

    /// The scalars of a string and the UTF-8 offset of each, plus the total length at the end.
    private static func decode(_ text: String) -> (scalars: [UInt32], byteOffsets: [Int32]) {
        var text = text
        return text.withUTF8 { bytes in
            var scalarCount = 0
            var offsets: [Int32] = []
            let scalars = [UInt32](unsafeUninitializedCapacity: bytes.count) { scalars, initialized in
                offsets = [Int32](unsafeUninitializedCapacity: bytes.count + 1) { offsets, offsetsInitialized in
                    // A String's UTF-8 is valid, so the lead byte alone gives the length.
                    var position = 0
                    while position < bytes.count {
                        let lead = UInt32(bytes[position])
                        let value: UInt32, width: Int
                        if lead < 0x80 {
                            value = lead; width = 1
                        } else if lead < 0xE0 {
                            value = (lead & 0x1F) << 6 | UInt32(bytes[position + 1] & 0x3F); width = 2
                        } else if lead < 0xF0 {
                            value = (lead & 0x0F) << 12 | UInt32(bytes[position + 1] & 0x3F) << 6 | UInt32(bytes[position + 2] & 0x3F)
                            width = 3
                        } else {
                            value = (lead & 0x07) << 18 | UInt32(bytes[position + 1] & 0x3F) << 12
                                | UInt32(bytes[position + 2] & 0x3F) << 6 | UInt32(bytes[position + 3] & 0x3F)
                            width = 4
                        }
                        scalars[scalarCount] = value
                        offsets[scalarCount] = Int32(truncatingIfNeeded: position)
                        scalarCount += 1
                        position += width
                    }
                    offsets[scalarCount] = Int32(truncatingIfNeeded: bytes.count)
                    offsetsInitialized = scalarCount + 1
                }
                initialized = scalarCount
            }
            return (scalars, offsets)
        }
    }

    /// The original text's scalars.
    let originalScalars: [UInt32]

    /// Tibetan whose characters all map to themselves with combining classes in canonical order.
    @inline(__always)
    private static func isCanonicalTibetan(_ segment: UnsafeBufferPointer<UInt32>, _ tables: UnicodeTables) -> Bool {
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
    private static func tibetanSegment(_ segment: UnsafeBufferPointer<UInt32>, _ tables: UnicodeTables) -> [UInt32] {
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
    private static func icuSegment(_ segment: UnsafeBufferPointer<UInt32>, _ tables: UnicodeTables) -> [UInt32] {
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
    private static func simplify(_ scalars: inout [UInt32], _ tables: UnicodeTables) {
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
