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
    init?(_ text: TokenizedText, fillers: Set<[UInt32]>) {
        let normalized = text.normalized.scalars, tokens = text.tokens
        func gapHasSpace(_ range: Range<Int>) -> Bool { normalized[range].contains { $0 == 0x20 || $0 == 0x09 } }
        func isWord(_ token: Token) -> Bool {
            guard let first = token.normalizedScalarsSlice.first, !token.isPunctuation else { return false }
            return Script.isHan(first) || Script.isTibetan(first)
        }
        // A filler counts only where it stands alone: spaces (or the text's edge) on both sides.
        var skipped = [Bool](repeating: false, count: tokens.count)
        var changes = false
        for (index, token) in tokens.enumerated() where !fillers.isEmpty && fillers.contains(Array(token.normalizedScalarsSlice)) {
            let before = index == 0 || gapHasSpace(tokens[index - 1].normalizedRange.upperBound..<token.normalizedRange.lowerBound)
            let after = index == tokens.count - 1 || gapHasSpace(token.normalizedRange.upperBound..<tokens[index + 1].normalizedRange.lowerBound)
            if before && after { skipped[index] = true; changes = true }
        }
        let kept = tokens.indices.filter { !skipped[$0] }
        var joins: [(range: Range<Int>, tsheg: Bool)] = []
        for (left, right) in zip(kept, kept.dropFirst()) {
            let gap = tokens[left].normalizedRange.upperBound..<tokens[right].normalizedRange.lowerBound
            guard right != left + 1 || gapHasSpace(gap), isWord(tokens[left]), isWord(tokens[right]) else { continue }
            let bothTibetan = Script.isTibetan(tokens[left].normalizedScalarsSlice.first!) && Script.isTibetan(tokens[right].normalizedScalarsSlice.first!)
            joins.append((gap, bothTibetan))
            changes = true
        }
        guard changes else { return nil }

        var dropped = [Bool](repeating: false, count: normalized.count)
        for index in tokens.indices where skipped[index] {
            for position in tokens[index].normalizedRange { dropped[position] = true }
        }
        var joinAt: [Int: (end: Int, tsheg: Bool)] = [:]
        for join in joins where !join.range.isEmpty { joinAt[join.range.lowerBound] = (join.range.upperBound, join.tsheg) }
        scalars.reserveCapacity(normalized.count)
        position.reserveCapacity(normalized.count)
        var index = 0
        while index < normalized.count {
            if let join = joinAt[index] {
                if join.tsheg { scalars.append(0x0F0B); position.append(Int32(index)) }
                index = join.end
                continue
            }
            if !dropped[index] { scalars.append(normalized[index]); position.append(Int32(index)) }
            index += 1
        }
    }

    /// The normalised-text range of scalars `[start, end)` of the view.
    func normalizedRange(_ start: Int, _ end: Int) -> Range<Int> { Int(position[start])..<Int(position[end - 1]) + 1 }
}
