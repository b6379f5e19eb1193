import ICUBridge

/// Turns a ticket's text into tokens: normalisation, then per script — Han by dictionary and
/// domain lexicon, Tibetan by syllables and lexicon, other letters and digits as words, each
/// punctuation mark or symbol on its own (a run of the same mark stays one token). Whitespace and
/// control characters separate tokens; characters normalisation deletes (zero-width marks) stay
/// inside the token before them, so every other character is in exactly one token.
///
/// A `Tokenizer` is immutable and safe to use from many threads at once.
///
/// ```swift
/// let tokenizer = try Tokenizer(chinese: zh, tibetan: bo)
/// tokenizer.tokenize("電費餘額不足").tokens.map(\.normalized)  // ["电费余额", "不足"]
/// ```
public struct Tokenizer: Sendable {
    public enum SetupError: Error, CustomStringConvertible {
        case missingIcuDictionary
        public var description: String {
            "the system ICU has no Chinese word dictionary (brkitr/cjdict); install the full ICU data (libicu-dev)"
        }
    }

    /// Everything a tokenizer holds, behind one reference: copying a `Tokenizer` costs one retain.
    fileprivate final class Core: Sendable {
        let han: HanSegmenter
        let tibetan: TibetanSegmenter
        let chineseLexicon: Lexicon

        init(han: HanSegmenter, tibetan: TibetanSegmenter, chineseLexicon: Lexicon) {
            self.han = han
            self.tibetan = tibetan
            self.chineseLexicon = chineseLexicon
        }
    }

    private let core: Core

    public init(chinese: Lexicon, tibetan: Lexicon) throws(SetupError) {
        guard let han = HanSegmenter(lexicon: chinese) else { throw .missingIcuDictionary }
        core = Core(han: han, tibetan: TibetanSegmenter(lexicon: tibetan), chineseLexicon: chinese)
    }

    public func tokenize(_ text: String) -> TokenizedText {
        core.tokenize(text)
    }
}

extension Tokenizer.Core {
    func tokenize(_ text: String) -> TokenizedText {
        let normalized = NormalizedText(text)
        var builder = TokenBuilder(normalized: normalized)
        normalized.scalars.withUnsafeBufferPointer { scalars in
            let tables = UnicodeTables.shared
            var index = 0
            while index < scalars.count {
                let value = scalars[index]
                let properties = tables.properties(value)
                let script = properties.script
                switch properties.characterClass {
                case .whitespace, .control, .format:
                    index += 1
                case .letter where script == UnicodeTables.hanScript:
                    var end = index + 1
                    while end < scalars.count, case let next = tables.properties(scalars[end]),
                          next.script == UnicodeTables.hanScript, next.characterClass == .letter { end += 1 }
                    han.segment(scalars, index..<end) { range, entry in
                        builder.add(range, script: script)
                        if let entry {
                            for boundary in chineseLexicon.entries[Int(entry)].innerBoundaries { builder.addInner(range.lowerBound + boundary) }
                        }
                    }
                    index = end
                case _ where script == UnicodeTables.tibetanScript:
                    var end = index + 1
                    while end < scalars.count, tables.script(scalars[end]) == UnicodeTables.tibetanScript { end += 1 }
                    addTibetan(scalars, index..<end, to: &builder)
                    index = end
                case .letter, .mark, .digit, .otherNumber:
                    var end = index + 1
                    while end < scalars.count {
                        if Self.continuesWord(scalars[end], tables) { end += 1; continue }
                        // 11.61 and 1,040 are one number (Unicode word-break rules WB11–12).
                        guard Self.joinsDigits(scalars[end]), end + 1 < scalars.count,
                              tables.characterClass(scalars[end - 1]) == .digit,
                              tables.characterClass(scalars[end + 1]) == .digit else { break }
                        end += 2
                    }
                    builder.add(index..<end, script: script)
                    index = end
                default:
                    var end = index + 1
                    while end < scalars.count, scalars[end] == value { end += 1 }
                    builder.add(index..<end, script: script)
                    index = end
                }
            }
        }
        return TokenizedText(normalized: normalized, tokens: builder.finish(), language: ScriptCounts(scalars: normalized.originalScalars).language)
    }

    private static func joinsDigits(_ value: UInt32) -> Bool { value == 0x2E || value == 0x2C || value == 0x3B || value == 0x27 }

    private static func continuesWord(_ value: UInt32, _ tables: UnicodeTables) -> Bool {
        let script = tables.script(value)
        guard script != UnicodeTables.hanScript, script != UnicodeTables.tibetanScript else { return false }
        switch tables.characterClass(value) {
        case .letter, .mark, .digit, .otherNumber: return true
        default: return false
        }
    }

    private func addTibetan(_ scalars: UnsafeBufferPointer<UInt32>, _ range: Range<Int>, to builder: inout TokenBuilder) {
        var index = range.lowerBound
        while index < range.upperBound {
            guard TibetanSegmenter.isSyllableScalar(scalars[index]) else {
                // A shad, head mark or other sign: its own token (a repeated mark stays one).
                var end = index + 1
                while end < range.upperBound, scalars[end] == scalars[index] { end += 1 }
                builder.add(index..<end, script: UnicodeTables.tibetanScript)
                index = end
                continue
            }
            // A run of syllables, each with the tsheg after it.
            // A syllable takes three or four scalars with its tsheg: reserved once instead of grown.
            var syllables: [Range<Int>] = [], tshegEnd: [Int] = []
            syllables.reserveCapacity((range.upperBound - index) / 3 + 1)
            tshegEnd.reserveCapacity((range.upperBound - index) / 3 + 1)
            var position = index
            while position < range.upperBound, TibetanSegmenter.isSyllableScalar(scalars[position]) {
                var end = position
                while end < range.upperBound, TibetanSegmenter.isSyllableScalar(scalars[end]) { end += 1 }
                var after = end
                while after < range.upperBound, scalars[after] == TibetanSegmenter.tsheg { after += 1 }
                syllables.append(position..<end)
                tshegEnd.append(after)
                position = after
            }
            var first = 0
            for word in tibetan.group(scalars, syllables: syllables) {
                let last = first + word.syllables - 1
                builder.add(syllables[first].lowerBound..<tshegEnd[last], script: UnicodeTables.tibetanScript, normalizedEnd: syllables[last].upperBound)
                for syllable in word.innerSyllables { builder.addInner(syllables[first + syllable].lowerBound) }
                if word.particleLength > 0 { builder.addInner(syllables[last].upperBound - word.particleLength) }
                first = last + 1
            }
            index = position
        }
    }
}

/// Collects tokens and gives each its original span.
private struct TokenBuilder {

    let normalized: NormalizedText
    /// Each token's inner boundaries are a range of `inner`: one list per ticket, not one per token.
    var pending: [(range: Range<Int>, script: Int, inner: Range<Int>, normalizedEnd: Int)] = []
    var inner: [Int] = []

    init(normalized: NormalizedText) {
        self.normalized = normalized
        // About one token per two characters in Chinese; growing the array is a copy each time.
        pending.reserveCapacity(normalized.scalars.count / 2 + 4)
    }

    mutating func add(_ range: Range<Int>, script: Int, normalizedEnd: Int? = nil) {
        pending.append((range, script, inner.count..<inner.count, normalizedEnd ?? range.upperBound))
    }

    /// An inner boundary of the token added last.
    mutating func addInner(_ offset: Int) {
        inner.append(offset)
        pending[pending.count - 1].inner = pending[pending.count - 1].inner.lowerBound..<inner.count
    }

    func finish() -> [Token] {
        let source = TokenSource(normalized, innerNormalized: inner, innerPositions: inner.map { offset in
            let scalar = normalized.originalScalarRange(offset..<offset + 1).lowerBound
            return TextPosition(byte: normalized.byteOffset(ofOriginalScalar: scalar), scalar: scalar)
        })
        guard !pending.isEmpty else { return [] }
        let tables = UnicodeTables.shared
        return normalized.originalScalars.withUnsafeBufferPointer { original in
            func isSeparator(_ scalar: UInt32) -> Bool {
                switch tables.characterClass(scalar) {
                case .whitespace, .control: true
                default: false
                }
            }
            func position(_ scalar: Int) -> TextPosition { TextPosition(byte: normalized.byteOffset(ofOriginalScalar: scalar), scalar: scalar) }
            var tokens: [Token] = []
            tokens.reserveCapacity(pending.count)
            // Original spans; characters normalisation deleted are taken into the token before them
            // (or the first token), whitespace and controls into none.
            var span = normalized.originalScalarRange(pending[0].range)
            var start = span.lowerBound
            while start > 0, !isSeparator(original[start - 1]) { start -= 1 }
            for (index, token) in pending.enumerated() {
                let next = index + 1 < pending.count ? normalized.originalScalarRange(pending[index + 1].range) : nil
                let limit = next?.lowerBound ?? original.count
                var end = span.upperBound
                while end < limit, !isSeparator(original[end]) { end += 1 }
                // The script the token's original characters are written in (digits and marks are "Common").
                var script = UnicodeTables.commonScript
                for index in start..<end {
                    let code = tables.script(original[index])
                    if code != UnicodeTables.commonScript && code != UnicodeTables.inheritedScript { script = code; break }
                }
                tokens.append(Token(start: position(start), end: position(end), normalizedRange: token.range.lowerBound..<token.normalizedEnd,
                                    innerRange: token.inner, scriptCode: script, source: source))
                if let next { span = next; start = next.lowerBound }
            }
            return tokens
        }
    }
}
