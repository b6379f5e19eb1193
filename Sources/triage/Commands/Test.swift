import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run every rule's examples and the regression tickets in rules/tests/.",
            discussion: "Failures print as path:line: expected X got Y (rules fired: …), then a summary line; the exit status is 1 when any fails. The corpus is not a test: use eval."
        )

        @OptionGroup var packOptions: PackOptions

        func run() throws {
            let report: TestReport
            do { report = try packOptions.engine().pack.runTests() } catch let error as DiagnosticsError {
                Diagnostics.print(error)
                throw ExitCode(1)
            }
            for failure in report.failures { print(failure) }
            print("\(report.passed) passed, \(report.failures.count) failed")
            if !report.failures.isEmpty { throw ExitCode(1) }
        }
    }
}
