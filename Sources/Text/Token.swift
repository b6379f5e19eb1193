/// A position in the original text, in UTF-8 bytes and in Unicode scalars.
public struct TextPosition: Sendable, Hashable, Codable {
    public var byte: Int
    public var scalar: Int

    public init(byte: Int, scalar: Int) {
        self.byte = byte
        self.scalar = scalar
    }
}

/// A span of the original text with its normalised form.
///
/// A token holds offsets and shares the ticket's text; `text` and `normalized` are made when
/// asked for, so tokenizing costs no string building.
public struct Token: Sendable, Equatable {
    /// Half-open offsets into the original text.
    public let start: TextPosition
    public let end: TextPosition
    /// The same token in `NormalizedText.scalars` coordinates, for matchers.
    public let normalizedRange: Range<Int>
    let scriptCode: Int
    /// The token's inner boundaries, as a range of the ticket's shared lists.
    private let innerRange: Range<Int>
    /// The ticket's texts and inner boundaries, shared by all its tokens: one reference to count
    /// per token, and no array of its own.
    private let source: TokenSource
    private var original: String { source.original }
    private var normalizedScalars: [UInt32] { source.normalizedScalars }

    init(start: TextPosition, end: TextPosition, normalizedRange: Range<Int>, innerRange: Range<Int>, scriptCode: Int, source: TokenSource) {
        self.start = start
        self.end = end
        self.normalizedRange = normalizedRange
        self.innerRange = innerRange
        self.scriptCode = scriptCode
        self.source = source
    }

    /// Where a part inside the token begins (电费|余额), in the original text.
    public var inner: ArraySlice<TextPosition> { source.innerPositions[innerRange] }
    /// The same, in `NormalizedText.scalars` coordinates.
    public var innerNormalized: ArraySlice<Int> { source.innerNormalized[innerRange] }

    /// The original characters.
    public var text: String {
        let utf8 = original.utf8
        return String(decoding: utf8[utf8.index(utf8.startIndex, offsetBy: start.byte)..<utf8.index(utf8.startIndex, offsetBy: end.byte)], as: UTF8.self)
    }

    /// NFKC, case-folded, Traditional → Simplified, Tibetan canonical (no trailing tsheg).
    public var normalized: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(normalizedRange.count * 3)
        for value in normalizedScalars[normalizedRange] { UTF8.encode(Unicode.Scalar(value)!) { bytes.append($0) } }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A punctuation mark (，。！？、 …, shad): where a clause ends.
    public var isPunctuation: Bool {
        !normalizedRange.isEmpty && UnicodeTables.shared.characterClass(source.normalizedScalars[normalizedRange.lowerBound]) == .punctuation
    }

    /// The normalised scalars of the token (a view into the ticket's normalised text).
    public var normalizedScalarsSlice: ArraySlice<UInt32> { normalizedScalars[normalizedRange] }

    /// ICU's name of the token's script ("Han", "Tibetan", "Latin", "Common", …).
    public var script: String { UnicodeTables.shared.scriptName(scriptCode) }

    public static func == (a: Token, b: Token) -> Bool {
        a.start == b.start && a.end == b.end && a.inner == b.inner && a.scriptCode == b.scriptCode
            && a.text == b.text && a.normalized == b.normalized
    }
}

/// The original and normalised text of one ticket and its tokens' inner boundaries, which its
/// tokens read.
final class TokenSource: Sendable {
    let original: String
    let normalizedScalars: [UInt32]
    let innerNormalized: [Int]
    let innerPositions: [TextPosition]

    init(_ normalized: NormalizedText, innerNormalized: [Int], innerPositions: [TextPosition]) {
        original = normalized.original
        normalizedScalars = normalized.scalars
        self.innerNormalized = innerNormalized
        self.innerPositions = innerPositions
    }
}

/// A ticket's text after the pipeline: the normalised text, its tokens, and its language.
public struct TokenizedText: Sendable {
    public let normalized: NormalizedText
    public let tokens: [Token]
    public let language: Language

    public var original: String { normalized.original }
}
