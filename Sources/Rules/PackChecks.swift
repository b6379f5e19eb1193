import Text

/// A rule example or regression ticket that did not behave.
public struct TestFailure: Sendable, CustomStringConvertible {
    public var location: SourceLocation
    public var expected: String
    public var got: String
    public var rulesFired: [String]

    /// `path:line: expected X got Y (rules fired: …)`
    public var description: String {
        "\(location.path):\(location.line): expected \(expected) got \(got) (rules fired: \(rulesFired.isEmpty ? "none" : rulesFired.joined(separator: ", ")))"
    }
}

public struct TestReport: Sendable {
    public var passed: Int
    public var failures: [TestFailure]
}

extension CompiledPack {
    /// Runs every rule's examples (each `match` must fire the rule, each `no_match` must not) and
    /// every regression ticket in `tests/` (its labels must come out); throws when a test file is
    /// malformed.
    public func runTests() throws(DiagnosticsError) -> TestReport {
        runTests(try PackLoader.loadTests(source.files))
    }

    /// Runs every rule's examples and the given regression tickets.
    public func runTests(_ tests: [RegressionTicket]) -> TestReport {
        var passed = 0
        var failures: [TestFailure] = []
        for (index, compiled) in rules.enumerated() {
            let rule = compiled.rule
            for (examples, mustFire) in [(rule.matchExamples, true), (rule.noMatchExamples, false)] {
                for example in examples {
                    if fires(index, on: example.text, context: example.context) == mustFire { passed += 1; continue }
                    failures.append(TestFailure(location: example.location,
                                                expected: (mustFire ? "\(rule.id) to fire" : "\(rule.id) not to fire") + " on “\(example.text)”",
                                                got: mustFire ? "it did not" : "it fired",
                                                rulesFired: classify(example.text, context: example.context).rules.map(\.id)))
                }
            }
        }
        for ticket in tests {
            let result = classify(ticket.text, context: ticket.context)
            let expected = Self.labels(ticket.category ?? result.category, ticket.subcategory ?? result.subcategory, ticket.flags ?? result.flags)
            let got = Self.labels(result.category, result.subcategory, result.flags)
            if expected == got {
                passed += 1
            } else {
                failures.append(TestFailure(location: ticket.location, expected: expected, got: got, rulesFired: result.rules.map(\.id)))
            }
        }
        return TestReport(passed: passed, failures: failures)
    }

    private static func labels(_ category: String, _ subcategory: String?, _ flags: [String]) -> String {
        category + "/" + (subcategory ?? "null") + (flags.isEmpty ? "" : " [" + flags.joined(separator: ", ") + "]")
    }

    /// What `triage lint` reports beyond load and compile errors: compile warnings, examples that
    /// do not behave (errors), and category rules that never decide their own examples (warnings).
    public func lint() -> [Diagnostic] {
        var diagnostics = warnings
        var tests: [RegressionTicket] = []
        do { tests = try PackLoader.loadTests(source.files) } catch { diagnostics += error.diagnostics }
        for failure in runTests(tests).failures {
            diagnostics.append(failure.location.diagnostic("expected \(failure.expected), got \(failure.got) (rules fired: \(failure.rulesFired.isEmpty ? "none" : failure.rulesFired.joined(separator: ", ")))"))
        }
        for compiled in rules where compiled.rule.category != nil && !compiled.rule.matchExamples.isEmpty {
            let rule = compiled.rule
            let winners = rule.matchExamples.map { classify($0.text, context: $0.context) }
            let shadowing = winners.compactMap { result -> String? in
                guard result.rules.contains(where: { $0.id == rule.id }), let decider = result.rules.first,
                      decider.id != rule.id, decider.category != rule.category else { return nil }
                return decider.id
            }
            if shadowing.count == winners.count, let first = shadowing.first {
                diagnostics.append(rule.location.diagnostic("rule \(rule.id) fires on its examples but never decides them: \(first) outranks it every time; give it a priority or narrow the other rule", .warning))
            }
        }
        return diagnostics
    }
}
