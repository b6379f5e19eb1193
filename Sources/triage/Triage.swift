import ArgumentParser

@main
struct Triage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Classify utility-hotline tickets in Simplified Chinese, Traditional Chinese and Tibetan.",
        subcommands: [Classify.self, Explain.self, Test.self, Lint.self, Eval.self, Reply.self, Relabel.self, Tokenize.self, Bench.self]
    )
}
