import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the pack on a labelled corpus: per language, category and register; confusion matrix; subcategory, flags, language ID; misclassified ids."
        )

        @Option(help: ArgumentHelp("A labelled JSONL file, or a folder of them.", valueName: "PATH"))
        var corpus: String

        @OptionGroup var packOptions: PackOptions

        @Option(help: "text or json.")
        var format: ReportFormat = .text

        func run() throws {
            let engine = try packOptions.engine()
            let tickets: [LabelledTicket]
            do { tickets = try LabelledCorpus.load(corpus) } catch {
                Diagnostics.print(error)
                throw ExitCode(1)
            }
            let evaluation = CorpusEvaluation(engine: engine, tickets: tickets)
            print(format == .json ? evaluation.json : evaluation.text)
        }
    }
}
