/// Script questions about single code points, answered from ICU's data.
public enum Script {
    /// Whether a code point is a Han character.
    public static func isHan(_ value: UInt32) -> Bool { UnicodeTables.shared.script(value) == UnicodeTables.hanScript }
    /// Punctuation that ends a clause once normalised: ,.!?;: and their CJK forms, 、。 and the
    /// Tibetan shad.
    public static let clauseBreaks: Set<UInt32> = Set(",.!?;:、。…~\u{FF5E}\u{0F0D}\u{0F0E}\u{0F0F}\u{0F10}\u{0F11}\u{0F14}".unicodeScalars.map(\.value))

    /// Whether a code point is Tibetan.
    public static func isTibetan(_ value: UInt32) -> Bool { UnicodeTables.shared.script(value) == UnicodeTables.tibetanScript }
}
