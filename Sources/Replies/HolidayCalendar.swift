import Foundation
import ICUBridge
import Synchronization
import Text

/// Which holiday a reply greets on a given day, read in Asia/Shanghai (`scripts/holidays.yaml`).
final class HolidayCalendar: Sendable {
    /// A month and day; in the Chinese calendar, of a non-leap month.
    struct MonthDay: Sendable, Comparable {
        var month: Int
        var day: Int
        static func < (a: MonthDay, b: MonthDay) -> Bool { (a.month, a.day) < (b.month, b.day) }
    }

    enum Rule: Sendable {
        /// A span of days each year, `from` through `to` (wrapping past the year's end when `to` < `from`).
        case gregorian(from: MonthDay, to: MonthDay)
        case chinese(from: MonthDay, to: MonthDay)
        /// Listed first days (days since 1970-01-01), each lasting `days` days.
        case listed(firstDays: [Int], days: Int)
    }

    static let timeZone = "Asia/Shanghai"

    let holidays: [(name: String, rule: Rule)]
    /// Per locale, the holidays it greets, first preferred.
    let greet: [Language: [String]]
    private let cache = Mutex<[Int: [Language: String]]>([:])

    init(holidays: [(name: String, rule: Rule)], greet: [Language: [String]]) {
        self.holidays = holidays
        self.greet = greet
    }

    /// The holiday a reply in `locale` greets at `moment`, or nil.
    func holiday(at moment: Date, locale: Language) -> String? {
        // China keeps UTC+8 all year, so this is the local day number.
        let dayKey = Int((moment.timeIntervalSince1970 + 8 * 3600) / 86400)
        if let known = cache.withLock({ $0[dayKey] }) { return known[locale] }
        let active = Set(holidays.filter { holds($0.rule, at: moment) }.map(\.name))
        var greeted: [Language: String] = [:]
        for (language, order) in greet { greeted[language] = order.first(where: active.contains) }
        cache.withLock { cache in
            if cache.count > 4096 { cache.removeAll() }
            cache[dayKey] = greeted
        }
        return greeted[locale]
    }

    private func holds(_ rule: Rule, at moment: Date) -> Bool {
        switch rule {
        case let .gregorian(from, to):
            guard let date = Self.date(moment, calendar: "gregorian") else { return false }
            return Self.within(MonthDay(month: date.month, day: date.day), from, to)
        case let .chinese(from, to):
            guard let date = Self.date(moment, calendar: "chinese"), !date.isLeapMonth else { return false }
            return Self.within(MonthDay(month: date.month, day: date.day), from, to)
        case let .listed(firstDays, days):
            guard let date = Self.date(moment, calendar: "gregorian") else { return false }
            let today = Self.dayNumber(year: date.year, month: date.month, day: date.day)
            return firstDays.contains { (0..<days).contains(today - $0) }
        }
    }

    private static func within(_ day: MonthDay, _ from: MonthDay, _ to: MonthDay) -> Bool {
        from <= to ? (from <= day && day <= to) : (day >= from || day <= to)
    }

    /// A moment's date in one of ICU's calendars, in Asia/Shanghai.
    static func date(_ moment: Date, calendar: String) -> (year: Int, month: Int, day: Int, isLeapMonth: Bool)? {
        var year: Int32 = 0, month: Int32 = 0, day: Int32 = 0, leap: Int32 = 0
        guard tt_calendar_date(moment.timeIntervalSince1970 * 1000, calendar, timeZone, &year, &month, &day, &leap) == 0 else { return nil }
        return (Int(year), Int(month), Int(day), leap != 0)
    }

    /// Days since 1970-01-01 of a Gregorian date (proleptic; Howard Hinnant's days_from_civil).
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
