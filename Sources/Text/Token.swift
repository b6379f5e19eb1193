/// A position in the original text, in UTF-8 bytes and in Unicode scalars.
public struct TextPosition: Sendable, Hashable, Codable {
    public var byte: Int
    public var scalar: Int
}

/// A span of the original text with its normalised form.
public struct Token: Sendable, Hashable {
    /// The original characters.
    public let text: String
    /// NFKC, case-folded, Traditional → Simplified, Tibetan canonical (no trailing tsheg).
    public let normalized: String
    /// ICU's name of the token's script ("Han", "Tibetan", "Latin", "Common", …).
    public let script: String
    /// Half-open offsets into the original text.
    public let start: TextPosition
    public let end: TextPosition
    /// Where a part inside the token begins (电费|余额), in the original text.
    public let inner: [TextPosition]
    /// The same token in `NormalizedText.scalars` coordinates, for matchers.
    public let normalizedRange: Range<Int>
    public let innerNormalized: [Int]
}

/// A ticket's text after the pipeline: the normalised text, its tokens, and its language.
public struct TokenizedText: Sendable {
    public let normalized: NormalizedText
    public let tokens: [Token]
    public let language: Language

    public var original: String { normalized.original }
}
