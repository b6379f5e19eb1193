import Text

/// One occurrence of a pattern in a ticket.
struct Hit: Sendable {
    var pattern: Int
    /// In normalised scalars.
    var range: Range<Int>
    var negated: Bool
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
            for inner in token.innerNormalized { boundary[inner] = true }
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
        for (pattern, list) in found {
            found[pattern] = list.map { hit in
                var hit = hit
                hit.negated = NegationScope(tokens: tokens, negation: pack.negation).isNegated(firstToken: hit.firstToken, lastToken: hit.lastToken)
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

/// Decides whether an occurrence is negated, from the tokens around it:
///
/// - **Before** (Chinese, and Tibetan prefixes མ་ / མི་): a negator (不, 不是, 没, 没有, 冇, 唔系 …)
///   earlier in the same clause, with at most `window` skippable words (肯定, 都, 根本 …) between
///   it and the term. A negator inside an A-not-A question (是不是, 有没有, 有冇, 系唔系) asks; it
///   does not deny.
/// - **After** (Tibetan, where negation follows the verb): a negating ending (མེད, མ་རེད, མིན …)
///   later in the same clause, with at most `window` skippable words (པ, ཡོད, གི …) between; an
///   ending followed by a question particle (…མེད་དམ) asks.
/// - Clauses end at punctuation. A term that holds its own negator (没电, 冇電, གློག་མེད) is a
///   positive fact unless something negates the whole term (不是没电 → negated).
struct NegationScope {
    let tokens: [Token]
    let negation: CompiledNegation

    func word(_ index: Int) -> [UInt32] { Array(tokens[index].normalizedScalarsSlice) }

    func isNegated(firstToken: Int, lastToken: Int) -> Bool {
        negatedBefore(firstToken) || negatedAfter(lastToken)
    }

    private func negatedBefore(_ first: Int) -> Bool {
        var index = first - 1, skipped = 0
        while index >= 0, !tokens[index].isPunctuation {
            let word = word(index)
            if negation.before.contains(word) { return !isInsideQuestion(index) }
            guard negation.skip.contains(word), skipped < negation.window else { return false }
            skipped += 1
            index -= 1
        }
        return false
    }

    private func negatedAfter(_ last: Int) -> Bool {
        var index = last + 1, skipped = 0
        while index < tokens.count, !tokens[index].isPunctuation {
            for ending in negation.after where index + ending.count <= tokens.count
                && ending.indices.allSatisfy({ word(index + $0) == ending[$0] }) {
                let next = index + ending.count
                return !(next < tokens.count && negation.questionParticles.contains(word(next)))
            }
            guard negation.skip.contains(word(index)), skipped < negation.window else { return false }
            skipped += 1
            index += 1
        }
        return false
    }

    /// Whether the negator token at `index` is part of an A-not-A question written around it.
    private func isInsideQuestion(_ index: Int) -> Bool {
        let lower = max(0, index - 1), upper = min(tokens.count - 1, index + 1)
        var text: [UInt32] = [], negatorStart = 0, negatorEnd = 0
        for position in lower...upper {
            if position == index { negatorStart = text.count }
            text += word(position)
            if position == index { negatorEnd = text.count }
        }
        for question in negation.questions where question.count <= text.count {
            for start in 0...(text.count - question.count) where text[start..<start + question.count].elementsEqual(question) {
                if start < negatorEnd && start + question.count > negatorStart { return true }
            }
        }
        return false
    }
}
