import Foundation

/// The languages reports are written in (`--lang`); English is the default.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case en, ja
}

/// Words of a report in the reader's language. A message's key is its English text, with
/// `{1}`, `{2}`… where arguments go (each language orders them its own way); the Japanese
/// catalogue is `JapaneseMessages.table`. A key the catalogue lacks falls back to English and is
/// recorded in `recorder` (the catalogue test fails on any).
public struct Localizer: Sendable {
    public var language: ReportLanguage
    let recorder: MissingMessages?

    public init(_ language: ReportLanguage = .en, recorder: MissingMessages? = nil) {
        self.language = language
        self.recorder = recorder
    }

    /// The message `key` with `{n}` replaced by `args[n - 1]`. O(length).
    public func callAsFunction(_ key: String, _ args: String...) -> String {
        prose(key, args.map(Prose.Span.text)).plain
    }

    /// The message as Prose with the arguments emphasised (`.strong`) or as names (`.code`).
    public func prose(_ key: String, _ args: Prose.Span...) -> Prose { prose(key, args) }

    func prose(_ key: String, _ args: [Prose.Span]) -> Prose {
        var spans: [Prose.Span] = []
        var text = ""
        let t = Array(template(key))
        var i = 0
        while i < t.count {
            if t[i] == "{", i + 2 < t.count, let n = t[i + 1].wholeNumberValue, t[i + 2] == "}", n >= 1, n <= args.count {
                if !text.isEmpty { spans.append(.text(text)); text = "" }
                spans.append(args[n - 1])
                i += 3
            } else {
                text.append(t[i])
                i += 1
            }
        }
        if !text.isEmpty { spans.append(.text(text)) }
        return Prose(spans)
    }

    func template(_ key: String) -> String {
        switch language {
        case .en: return key
        case .ja:
            if let ja = JapaneseMessages.table[key] { return ja }
            recorder?.record(key)
            return key
        }
    }

    /// "1 rack" / "2 racks" in English; "ラック1台" in Japanese (the catalogue's word for `other`,
    /// the number and the counter: 台 for machines, 回 for repetitions).
    public func count(_ n: Int, _ one: String, _ other: String, counter: String = "台") -> String {
        language == .en ? NumberFormat.integer(n) + " " + (n == 1 ? one : other) : self(other) + NumberFormat.integer(n) + counter
    }

    /// A unit's name ("¥M" / "百万円").
    public func unit(_ u: ReportUnit) -> String {
        switch (u, language) {
        case (.none, _), (.count, _): ""
        case (.yen, .en): "¥"
        case (.yen, .ja): "円"
        case (.yenThousands, .en): "¥k"
        case (.yenThousands, .ja): "千円"
        case (.yenMillions, .en): "¥M"
        case (.yenMillions, .ja): "百万円"
        case (.percent, _): "%"
        case (.kilowatts, _): "kW"
        case (.megawattHours, _): "MWh"
        case (.hours, .en): "h"
        case (.hours, .ja): "時間"
        case (.minutes, .en): "min"
        case (.minutes, .ja): "分"
        case (.minutesPerYear, .en): "min/yr"
        case (.minutesPerYear, .ja): "分/年"
        case (.days, .en): "days"
        case (.days, .ja): "日"
        case (.years, .en): "years"
        case (.years, .ja): "年"
        case (.gib, _): "GiB"
        case (.vcpu, _): "vCPU"
        case (.cores, .en): "cores"
        case (.cores, .ja): "コア"
        case (.blades, .en): "blades"
        case (.blades, .ja): "台"
        case (.servers, .en): "servers"
        case (.servers, .ja): "台"
        case (.vms, _): "VM"
        case (.vmHours, .en): "VM-h"
        case (.vmHours, .ja): "VM時間"
        case (.people, .en): "people"
        case (.people, .ja): "人"
        case (.perYear, .en): "/yr"
        case (.perYear, .ja): "/年"
        case (.yenPerResident, .en): "¥/resident"
        case (.yenPerResident, .ja): "円/人"
        case (.yenPerDollar, .en): "¥/$"
        case (.yenPerDollar, .ja): "円/ドル"
        case (.dollars, .en): "$"
        case (.dollars, .ja): "ドル"
        }
    }

    /// A column or figure label with its unit: "share (¥M)" / "負担額（百万円）"; "%" is in the
    /// cells already and not repeated.
    public func withUnit(_ label: String, _ u: ReportUnit) -> String {
        let name = unit(u)
        if name.isEmpty || u == .percent { return label }
        return language == .ja ? label + "（" + name + "）" : label + " (" + name + ")"
    }

    /// A value followed by its unit, as a key figure reads: "¥347.44M", "347.44百万円", "12 blades".
    public func valueWithUnit(_ v: ReportValue, _ u: ReportUnit) -> String {
        var d = v.display
        var sign = ""
        if d.hasPrefix("-"), u == .yen || u == .yenThousands || u == .yenMillions, language == .en {
            sign = "−"
            d.removeFirst()
        }
        switch (u, language) {
        case (.none, _), (.count, _), (.percent, _): return d
        case (.yen, .en): return sign + "¥" + d
        case (.yenThousands, .en): return sign + "¥" + d + "k"
        case (.yenMillions, .en): return sign + "¥" + d + "M"
        case (_, .ja): return d + unit(u)
        default: return d + " " + unit(u)
        }
    }

    /// The calendar year label of a time axis tick: "2011" / "2011年".
    public func year(_ y: Int) -> String { language == .ja ? "\(y)年" : String(y) }
}

/// The keys a localizer did not find (shared by the renders of one test). Thread-safe.
public final class MissingMessages: @unchecked Sendable {
    private let lock = NSLock()
    private var keys: Set<String> = []

    public init() {}

    func record(_ key: String) {
        lock.lock()
        keys.insert(key)
        lock.unlock()
    }

    /// The missing keys, sorted.
    public var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return keys.sorted()
    }
}
