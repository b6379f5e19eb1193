import Text

/// One occurrence of a pattern in a ticket.
struct Hit: Sendable {
    var pattern: Int
    /// In normalised scalars.
    var range: Range<Int>
    var negated: Bool
    /// In an agent's findings (经查询为…).
    var inFinding = false
    var firstToken: Int
    var lastToken: Int
}

/// Every pattern occurrence in one ticket that falls where its mode requires, with its negation.
struct TicketMatches {
    let text: TokenizedText
    /// Every occurrence, grouped by pattern (in pattern order), each group by increasing end.
    private(set) var hits: [Hit] = []
    /// The patterns that occur, ascending, each with the end of its group in `hits`.
    private(set) var patterns: [Int] = []
    private var groupEnds: [Int] = []
    /// One bit per pattern: whether it occurs at all (the common "no" answer without searching).
    private var occurring: [UInt64]

    @inline(__always)
    func occurs(_ pattern: Int) -> Bool { occurring[pattern >> 6] & (1 << UInt64(pattern & 63)) != 0 }

    /// The occurrences of one pattern (empty if it does not occur).
    func hits(of pattern: Int) -> ArraySlice<Hit> {
        guard occurs(pattern) else { return [] }
        return group(patterns.lowerBound { $0 < pattern })
    }

    /// The occurrences of each occurring pattern, in pattern order.
    var groups: some Sequence<(pattern: Int, hits: ArraySlice<Hit>)> {
        patterns.indices.lazy.map { index in (patterns[index], group(index)) }
    }

    /// The occurrences of `patterns[index]`.
    private func group(_ index: Int) -> ArraySlice<Hit> { hits[(index == 0 ? 0 : groupEnds[index - 1])..<groupEnds[index]] }

    init(text: TokenizedText, pack: CompiledPack) {
        self.text = text
        occurring = [UInt64](repeating: 0, count: (pack.patterns.count + 63) / 64)
        let scalars = text.normalized.scalars
        let tokens = text.tokens
        // Where terms may start and end: token edges and inner boundaries.
        var boundary = [Bool](repeating: false, count: scalars.count + 1)
        var tokenAt = [Int32](repeating: -1, count: scalars.count + 1)
        for (index, token) in tokens.enumerated() {
            boundary[token.normalizedRange.lowerBound] = true
            boundary[token.normalizedRange.upperBound] = true
            for inner in token.innerNormalized {
                boundary[inner] = true
                // A Tibetan part ends before the tsheg that precedes the next part.
                if inner > 0, scalars[inner - 1] == 0x0F0B { boundary[inner - 1] = true }
            }
            for position in token.normalizedRange { tokenAt[position] = Int32(index) }
        }
        var found: [Hit] = []
        let lengths = pack.automaton.patternLengths, wordMode = pack.patternIsWordMode
        let view = MatchingView(text, fillers: pack.fillers)
        (view?.scalars ?? scalars).withUnsafeBufferPointer { buffer in
            pack.automaton.forEachMatch(in: buffer) { pattern, viewEnd in
                let range = view?.normalizedRange(viewEnd - lengths[pattern], viewEnd) ?? viewEnd - lengths[pattern]..<viewEnd
                let start = range.lowerBound, end = range.upperBound
                if wordMode[pattern], !(boundary[start] && boundary[end]) { return }
                let first = Self.token(at: start, tokenAt, forward: true), last = Self.token(at: end - 1, tokenAt, forward: false)
                found.append(Hit(pattern: pattern, range: start..<end, negated: false, firstToken: first, lastToken: last))
            }
        }
        guard !found.isEmpty else { return }
        var scope = NegationScope(scalars: scalars, boundary: boundary, tokenAt: tokenAt, tokens: tokens, negation: pack.negation)
        let markers = Self.markerScopes(scalars, pack)
        for index in found.indices {
            let start = found[index].range.lowerBound
            found[index].negated = scope.isNegated(found[index]) || (markers?.note[start] ?? false)
            found[index].inFinding = markers?.finding[start] ?? false
        }
        found.sort { $0.pattern != $1.pattern ? $0.pattern < $1.pattern : $0.range.upperBound < $1.range.upperBound }
        for (index, hit) in found.enumerated() {
            if patterns.last == hit.pattern {
                groupEnds[groupEnds.count - 1] = index + 1
            } else {
                patterns.append(hit.pattern)
                groupEnds.append(index + 1)
                occurring[hit.pattern >> 6] |= 1 << UInt64(hit.pattern & 63)
            }
        }
        hits = found
    }

    /// For every position, whether an agent's note marker (已告知 …) or a findings marker (经查询 …)
    /// ends at or before it in the same clause, or a closing note marker (…བརྡ་སྦྱར་ཟིན) starts
    /// after it in the same clause; nil when the ticket has no marker at all.
    private static func markerScopes(_ scalars: [UInt32], _ pack: CompiledPack) -> (note: [Bool], finding: [Bool])? {
        var ends: [(marker: Int, end: Int)] = []
        scalars.withUnsafeBufferPointer { buffer in
            pack.markerAutomaton.forEachMatch(in: buffer) { marker, end in ends.append((marker, end)) }
        }
        guard !ends.isEmpty else { return nil }
        var noteEnds = [Bool](repeating: false, count: scalars.count + 1), findingEnds = noteEnds, closingStarts = noteEnds
        for (marker, end) in ends {
            switch pack.markerKinds[marker] {
            case .note: noteEnds[end] = true
            case .closingNote: closingStarts[end - pack.markerAutomaton.patternLengths[marker]] = true
            case .finding: findingEnds[end] = true
            }
        }
        var note = noteEnds, finding = findingEnds, inNote = false, inFinding = false
        for position in 0...scalars.count {
            inNote = inNote || noteEnds[position]
            inFinding = inFinding || findingEnds[position]
            note[position] = inNote
            finding[position] = inFinding
            if inNote || inFinding, position < scalars.count, pack.negation.clauseBreaks.contains(scalars[position]) { inNote = false; inFinding = false }
        }
        // A closing marker reaches back to the clause's start, or to a space after ཀ, ག or ཤ:
        // Tibetan drops the shad after those letters and writes a space instead.
        var inClosing = false
        for position in stride(from: scalars.count - 1, through: 0, by: -1) {
            if closingStarts[position + 1] { inClosing = true }
            let endsTibetanClause = scalars[position] == 0x20 && position > 0 && [0x0F40, 0x0F42, 0x0F64].contains(scalars[position - 1])
            if inClosing, endsTibetanClause || pack.negation.clauseBreaks.contains(scalars[position]) { inClosing = false }
            if inClosing { note[position] = true }
        }
        return (note, finding)
    }

    /// The token holding a position, or the nearest one in the given direction (for positions on
    /// a tsheg or a space between tokens).
    private static func token(at position: Int, _ tokenAt: [Int32], forward: Bool) -> Int {
        var position = position
        while position >= 0 && position < tokenAt.count {
            if tokenAt[position] >= 0 { return Int(tokenAt[position]) }
            position += forward ? 1 : -1
        }
        return 0
    }
}

/// Decides whether an occurrence is negated, from the text around it:
///
/// - **Before** (Chinese, and Tibetan prefixes མ་ / མི་): a negator (不, 不是, 没, 没有, 冇, 唔系 …)
///   earlier in the same clause, with at most `window` skippable words (肯定, 都, 根本, 要 …) between
///   it and the term. This is read on characters, not tokens, because the segmenter often joins a
///   negator to the word before it (我不是, 也没): a negator or skipped word may start inside a
///   token only after a skippable prefix of that token. A negator inside an A-not-A question
///   (是不是, 有没有, 有冇, 系唔系) asks; it does not deny.
/// - **After** (Tibetan, where negation follows the verb, also after a Chinese word in a Tibetan
///   sentence: 投诉 བྱེད་འདོད་མེད): a negating ending (མེད, མ་རེད, མིན …) later in the same clause,
///   with at most `window` skippable syllables (པ, ཡོད, གི …) between; an ending followed by a
///   question particle (…མེད་དམ) asks.
/// - **Agents' notes**: a term after a note marker (已告知, 已安抚, 已请客户 …) in the same clause
///   is the agent's action, not the customer's request, and counts like a negated term.
/// - Clauses end at punctuation. A term that holds its own negator (没电, 冇電, གློག་མེད) is a
///   positive fact unless something negates the whole term (不是没电 → negated).
struct NegationScope {
    let scalars: [UInt32]
    let boundary: [Bool]
    let tokenAt: [Int32]
    let tokens: [Token]
    let negation: CompiledNegation
    /// The look-ahead's answer for each token an occurrence ends in (-1: not read yet): many
    /// occurrences end in the same token.
    private var negatedAfterToken: [Int8]

    init(scalars: [UInt32], boundary: [Bool], tokenAt: [Int32], tokens: [Token], negation: CompiledNegation) {
        self.scalars = scalars
        self.boundary = boundary
        self.tokenAt = tokenAt
        self.tokens = tokens
        self.negation = negation
        negatedAfterToken = [Int8](repeating: -1, count: tokens.count)
    }

    mutating func isNegated(_ hit: Hit) -> Bool {
        if negatedBefore(hit.range.lowerBound) { return true }
        let last = hit.lastToken
        let tibetanFollows = last + 1 < tokens.count && Script.isTibetan(scalars[tokens[last + 1].normalizedRange.lowerBound])
        guard Script.isTibetan(scalars[hit.range.lowerBound]) || tibetanFollows else { return false }
        if negatedAfterToken[last] < 0 { negatedAfterToken[last] = negatedAfter(last) ? 1 : 0 }
        return negatedAfterToken[last] == 1
    }

    // Compared scalar by scalar: slicing would retain the arrays on every test.
    private func token(_ index: Int, is word: [UInt32]) -> Bool {
        let range = tokens[index].normalizedRange
        return range.count == word.count && occurs(word, at: range.lowerBound)
    }

    private func occurs(_ word: [UInt32], at start: Int) -> Bool {
        guard start >= 0, start + word.count <= scalars.count else { return false }
        for offset in word.indices where scalars[start + offset] != word[offset] { return false }
        return true
    }

    private func endsWith(_ word: [UInt32], at end: Int) -> Bool { occurs(word, at: end - word.count) }

    /// A word may start at `position` when a token or inner boundary is there, or when what
    /// precedes it inside its token is a skippable word (我|不是).
    private func canStart(at position: Int) -> Bool {
        if boundary[position] { return true }
        let token = tokenAt[position]
        guard token >= 0 else { return true }
        let prefix = Array(scalars[tokens[Int(token)].normalizedRange.lowerBound..<position])
        return negation.skip.contains(prefix)
    }

    private func negatedBefore(_ start: Int) -> Bool {
        var end = start, skipped = 0
        while end > 0 {
            while end > 0, scalars[end - 1] == 0x20 || scalars[end - 1] == 0x0F0B { end -= 1 }
            guard end > 0 else { return false }
            let negators = negation.negators[scalars[end - 1]], skips = negation.skipWords[scalars[end - 1]]
            if let negator = negators.first(where: { endsWith($0, at: end) && canStart(at: end - $0.count) }) {
                // A Tibetan negator is a token of its own, negating the verb right after it: the
                // last syllable of ཚང་མ and the first of མི་སུ་ཡང ("nobody": མི is "person") are no
                // negators, and in …མི་འདུག the words that follow are not negated (Tibetan puts
                // adverbs before the negator, not after).
                if Script.isTibetan(negator[0]) {
                    let token = tokenAt[end - negator.count]
                    guard skipped == 0, token >= 0, tokens[Int(token)].normalizedRange == end - negator.count..<end else { return false }
                }
                return !isInsideQuestion(end - negator.count..<end)
            }
            guard skipped < negation.window,
                  let skip = skips.first(where: { endsWith($0, at: end) && canStart(at: end - $0.count) }) else { return false }
            end -= skip.count
            skipped += 1
        }
        return false
    }

    private func negatedAfter(_ last: Int) -> Bool {
        var index = last + 1, skipped = 0
        while index < tokens.count, !tokens[index].isPunctuation {
            let range = tokens[index].normalizedRange
            let lastScalar = range.isEmpty ? 0 : scalars[range.upperBound - 1]
            for ending in negation.after[lastScalar] where index + ending.count <= tokens.count
                && ending.indices.allSatisfy({ token(index + $0, is: ending[$0]) }) {
                let next = index + ending.count
                // An ending inside a yes-or-no pair (ཡོད་མེད, ཡིན་མིན) asks, as …མེད་དམ does.
                let span = tokens[index].normalizedRange.lowerBound..<tokens[next - 1].normalizedRange.upperBound
                if isInsideQuestion(span) { return false }
                return !(next < tokens.count && negation.questionParticles.contains { token(next, is: $0) })
            }
            guard skipped < negation.window, negation.skipWords[lastScalar].contains(where: { token(index, is: $0) }) else { return false }
            skipped += 1
            index += 1
        }
        return false
    }

    /// Whether the negator at `range` is part of an A-not-A question written around it.
    private func isInsideQuestion(_ range: Range<Int>) -> Bool {
        for question in negation.questions {
            let lower = max(0, range.upperBound - question.count), upper = min(range.lowerBound, scalars.count - question.count)
            guard lower <= upper else { continue }
            for start in lower...upper where occurs(question, at: start) { return true }
        }
        return false
    }
}

extension Array {
    /// The first index whose element is not below, in an array sorted so that every element below
    /// comes first (a binary search).
    @inline(__always)
    func lowerBound(_ isBelow: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if isBelow(self[middle]) { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
