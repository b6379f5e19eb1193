import ArgumentParser
import Foundation
import TicketTriage

/// `--now T`: the moment replies are written for (holiday greetings, follow-up deadlines) when a
/// ticket's context has no `now`; default the current time.
struct NowOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("ISO 8601 date-time, e.g. 2026-02-17T09:30:00+08:00 (no offset: Asia/Shanghai).", valueName: "T"))
    var now: String?

    func validate() throws {
        if let now, TicketContext.date(now) == nil { throw ValidationError("--now must be an ISO 8601 date-time such as 2026-02-17T09:30:00+08:00") }
    }

    var date: Date? { now.flatMap(TicketContext.date) }

    /// The context with `--now` filled in where the ticket has none.
    func apply(to context: TicketContext) -> TicketContext {
        var context = context
        if context.now == nil { context.now = date }
        return context
    }
}
