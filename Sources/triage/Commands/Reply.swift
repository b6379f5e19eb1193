import ArgumentParser
import Foundation
import TicketTriage

extension Triage {
    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render one reply script in one locale, for script authors.",
            discussion: """
            Variables not given are `none` (scripts choose their wording with select), except holiday (from --now), \
            eta (from area and the pledge) and deadline (from --now and the script's category). A variable that is not \
            a catalog variable, or that ICU cannot format, is an error naming the script, locale and variable.
            """
        )

        @Option(help: "The script's id, e.g. fault.no_power.")
        var script: String

        @Option(help: "zh-Hans, zh-Hant or bo.")
        var locale: String

        @Option(name: .customLong("var"), help: ArgumentHelp("A variable, name=value (repeatable).", valueName: "NAME=VALUE"))
        var variables: [String] = []

        @OptionGroup var nowOption: NowOption
        @OptionGroup var packOptions: PackOptions

        func run() throws {
            guard let language = Language(rawValue: locale), language != .mixed else { throw ValidationError("--locale must be zh-Hans, zh-Hant or bo") }
            var given: [String: String] = [:]
            for variable in variables {
                guard let equals = variable.firstIndex(of: "=") else { throw ValidationError("--var takes name=value, got \(variable)") }
                given[String(variable[..<equals])] = String(variable[variable.index(after: equals)...])
            }
            let catalog = try packOptions.catalog()
            do {
                print(try catalog.render(script, locale: language, given: given, now: nowOption.date ?? Date()))
            } catch {
                Diagnostics.print(error)
                throw ExitCode(1)
            }
        }
    }
}
