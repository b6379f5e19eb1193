/// Script questions about single code points, answered from ICU's data.
public enum Script {
    /// Whether a code point is a Han character.
    public static func isHan(_ value: UInt32) -> Bool { UnicodeTables.shared.script(value) == UnicodeTables.hanScript }
    /// Whether a code point is Tibetan.
    public static func isTibetan(_ value: UInt32) -> Bool { UnicodeTables.shared.script(value) == UnicodeTables.tibetanScript }
}
