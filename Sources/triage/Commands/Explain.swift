import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Explain: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show why a ticket gets its labels: tokens, rules fired with the words behind them, near misses, tie-break."
        )

        @Argument(help: "The ticket's text.")
        var text: String

        @OptionGroup var packOptions: PackOptions
        @OptionGroup var nowOption: NowOption

        @Option(help: ArgumentHelp("The ticket's context as JSON, e.g. '{\"abuseWarnings\": 1}'.", valueName: "JSON"))
        var context: String?

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let explanation = try packOptions.engine().explain(text, context: nowOption.apply(to: ContextArgument.parse(context)))
            print(format == .json ? ExplanationReport.json(explanation) : ExplanationReport.text(explanation))
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
