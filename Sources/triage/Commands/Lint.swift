import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a rule pack and a reply-script catalog: schema, codes, ids, synonym sets, terms, regexes, lexicons, examples, shadowed rules, script wording in every locale.",
            discussion: "Every problem prints as path:line:col: error|warning: …; the exit status is 1 when there is an error."
        )

        @OptionGroup var packOptions: PackOptions

        func run() throws {
            let engine = try packOptions.engine()
            let diagnostics = engine.pack.lint() + engine.catalog.diagnostics(against: engine.pack.manifest)
            for diagnostic in diagnostics { print(diagnostic) }
            let errors = diagnostics.filter { $0.severity == .error }.count
            print("\(errors) errors, \(diagnostics.count - errors) warnings")
            if errors > 0 { throw ExitCode(1) }
        }
    }
}
