import Text

/// The text terms are walked over when a ticket spaces its Han or Tibetan words apart, as speech
/// transcripts and word-by-word typists do (ཁྱིམ་ ལ་ ལོག་ ཨ་ མི་འདུག, 还 不 来): the spaces
/// between two such words are dropped (between Tibetan syllables they become one tsheg), and so
/// are the pack's filler words standing alone between spaces, so that a term's parts still meet.
/// Hits are mapped back to the normalised text, where boundaries and negation are decided.
struct MatchingView {
    /// The scalars to walk.
    private(set) var scalars: [UInt32] = []
    /// For each scalar, its index in the normalised text.
    private(set) var position: [Int32] = []

    /// Nil when nothing would change: the ticket has no spaced-apart words (most tickets).
    init?(_ text: TokenizedText, fillers: [[UInt32]]) {
        let normalized = text.normalized.scalars, tokens = text.tokens
        func isSpace(_ value: UInt32) -> Bool { value == 0x20 || value == 0x09 }
        guard normalized.contains(where: isSpace) else { return nil }
        func gapHasSpace(_ from: Int, _ to: Int) -> Bool { from < to && normalized[from..<to].contains(where: isSpace) }
        /// 1 Han, 2 Tibetan, 0 anything else (punctuation, Latin, digits).
        func wordScript(_ index: Int) -> Int {
            let range = tokens[index].normalizedRange
            guard !range.isEmpty else { return 0 }
            let first = normalized[range.lowerBound]
            if Script.isHan(first) { return 1 }
            return Script.isTibetan(first) && !tokens[index].isPunctuation ? 2 : 0
        }
        func isFiller(_ index: Int) -> Bool {
            // Only where it stands alone: spaces (or the text's edge) on both sides.
            let range = tokens[index].normalizedRange
            guard (index == 0 || gapHasSpace(tokens[index - 1].normalizedRange.upperBound, range.lowerBound))
                && (index == tokens.count - 1 || gapHasSpace(range.upperBound, tokens[index + 1].normalizedRange.lowerBound)) else { return false }
            let slice = normalized[range]
            return fillers.contains { $0.count == slice.count && $0.elementsEqual(slice) }
        }
        scalars.reserveCapacity(normalized.count)
        position.reserveCapacity(normalized.count)
        func copy(_ from: Int, _ to: Int) {
            for index in from..<to { scalars.append(normalized[index]); position.append(Int32(index)) }
        }
        var changed = false
        var copied = 0                         // normalised scalars before this are done
        var previous: (end: Int, script: Int)? // the last token kept
        var skippedSince = false               // a filler was skipped after it
        for index in tokens.indices {
            let range = tokens[index].normalizedRange
            if isFiller(index) {
                // Drop the filler; before the first kept token, keep what stands before it (elsewhere
                // the gap before a filler is only spaces and tsheg, which join or separate words alike).
                if previous == nil { copy(copied, range.lowerBound) }
                copied = range.upperBound
                skippedSince = true
                changed = true
                continue
            }
            let script = wordScript(index)
            if let before = previous, before.script != 0, script != 0,
               skippedSince || gapHasSpace(before.end, range.lowerBound) {
                // Spaced-apart words meet; Tibetan syllables meet with one tsheg.
                if before.script == 2 && script == 2 { scalars.append(0x0F0B); position.append(Int32(before.end)) }
                changed = true
            } else {
                copy(copied, range.lowerBound)
            }
            copy(range.lowerBound, range.upperBound)
            copied = range.upperBound
            previous = (range.upperBound, script)
            skippedSince = false
        }
        guard changed else { return nil }
        copy(copied, normalized.count)
    }

    /// The normalised-text range of scalars `[start, end)` of the view.
    func normalizedRange(_ start: Int, _ end: Int) -> Range<Int> { Int(position[start])..<Int(position[end - 1]) + 1 }
}
