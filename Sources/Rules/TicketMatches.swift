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
    /// Occurrences by pattern.
    private(set) var hits: [Int: [Hit]] = [:]

    init(text: TokenizedText, pack: CompiledPack) {
        self.text = text
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
        var found: [Int: [Hit]] = [:]
        scalars.withUnsafeBufferPointer { buffer in
            pack.automaton.forEachMatch(in: buffer) { pattern, end in
                let start = end - pack.patterns[pattern].scalars.count
                if pack.patterns[pattern].mode == .word, !(boundary[start] && boundary[end]) { return }
                let first = Self.token(at: start, tokenAt, forward: true), last = Self.token(at: end - 1, tokenAt, forward: false)
                found[pattern, default: []].append(Hit(pattern: pattern, range: start..<end, negated: false, firstToken: first, lastToken: last))
            }
        }
        let scope = NegationScope(scalars: scalars, boundary: boundary, tokenAt: tokenAt, tokens: tokens, negation: pack.negation)
        for (pattern, list) in found {
            found[pattern] = list.map { hit in
                var hit = hit
                hit.negated = scope.isNegated(hit)
                hit.inFinding = scope.follows(scope.negation.findings, inClauseOf: hit.range.lowerBound)
                return hit
            }
        }
        hits = found
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

    /// Patterns that occur at all (negated or not).
    var patterns: Dictionary<Int, [Hit]>.Keys { hits.keys }
}

/// Decides whether an occurrence is negated, from the text around it:
///
/// - **Before** (Chinese, and Tibetan prefixes མ་ / མི་): a negator (不, 不是, 没, 没有, 冇, 唔系 …)
///   earlier in the same clause, with at most `window` skippable words (肯定, 都, 根本, 要 …) between
///   it and the term. This is read on characters, not tokens, because the segmenter often joins a
///   negator to the word before it (我不是, 也没): a negator or skipped word may start inside a
///   token only after a skippable prefix of that token. A negator inside an A-not-A question
///   (是不是, 有没有, 有冇, 系唔系) asks; it does not deny.
/// - **After** (Tibetan, where negation follows the verb): a negating ending (མེད, མ་རེད, མིན …)
///   later in the same clause, with at most `window` skippable syllables (པ, ཡོད, གི …) between; an
///   ending followed by a question particle (…མེད་དམ) asks.
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

    func isNegated(_ hit: Hit) -> Bool {
        negatedBefore(hit.range.lowerBound) || negatedAfter(hit.lastToken) || follows(negation.notes, inClauseOf: hit.range.lowerBound)
    }

    /// Whether one of `markers` (a note's 已告知, a finding's 经查询 …) stands earlier in the clause
    /// of the position.
    func follows(_ markers: [[UInt32]], inClauseOf start: Int) -> Bool {
        var clauseStart = start
        while clauseStart > 0, !isPunctuation(scalars[clauseStart - 1]) { clauseStart -= 1 }
        guard start - clauseStart >= 2 else { return false }
        for marker in markers where marker.count <= start - clauseStart {
            for position in clauseStart...(start - marker.count) where scalars[position..<position + marker.count].elementsEqual(marker) {
                return true
            }
        }
        return false
    }

    private func word(_ index: Int) -> ArraySlice<UInt32> { tokens[index].normalizedScalarsSlice }

    private func endsWith(_ word: [UInt32], at end: Int) -> Bool {
        end >= word.count && scalars[(end - word.count)..<end].elementsEqual(word)
    }

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
            guard end > 0, !isPunctuation(scalars[end - 1]) else { return false }
            if let negator = negation.beforeLongestFirst.first(where: { endsWith($0, at: end) && canStart(at: end - $0.count) }) {
                return !isInsideQuestion(end - negator.count..<end)
            }
            guard skipped < negation.window,
                  let skip = negation.skipLongestFirst.first(where: { endsWith($0, at: end) && canStart(at: end - $0.count) }) else { return false }
            end -= skip.count
            skipped += 1
        }
        return false
    }

    private func isPunctuation(_ value: UInt32) -> Bool { negation.clauseBreaks.contains(value) }

    private func negatedAfter(_ last: Int) -> Bool {
        var index = last + 1, skipped = 0
        while index < tokens.count, !tokens[index].isPunctuation {
            for ending in negation.after where index + ending.count <= tokens.count
                && ending.indices.allSatisfy({ word(index + $0).elementsEqual(ending[$0]) }) {
                let next = index + ending.count
                return !(next < tokens.count && negation.questionParticles.contains(Array(word(next))))
            }
            guard negation.skip.contains(Array(word(index))), skipped < negation.window else { return false }
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
            for start in lower...upper where scalars[start..<start + question.count].elementsEqual(question) { return true }
        }
        return false
    }
}
