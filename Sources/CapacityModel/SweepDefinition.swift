/// A sweep file (docs/sweep-format.md): base scenarios, and variants of each made by putting
/// values at key paths (`ScenarioOverride`, the same key paths as `--set`), all run with common
/// random numbers. The variants are the cartesian product of `parameters` (the last varies
/// fastest), then the explicit `variants`, each applied to every base scenario in order.
public struct SweepDefinition: Sendable {
    /// One way to change the base scenarios: a name (for tables) and the values it puts.
    public struct Variant: Sendable, Equatable {
        /// `policy=standard blade=blade-2s12c-96g`, or the explicit variant's name; "" for the
        /// base scenario unchanged.
        public var name: String
        /// What it puts, in order (each with where the sweep file wrote it).
        public var settings: [ScenarioOverride]

        public init(name: String, settings: [ScenarioOverride]) {
            self.name = name
            self.settings = settings
        }
    }

    /// A parameter of the product: a key path and the values it takes (YAML text).
    public struct Parameter: Sendable, Equatable {
        public var key: String
        /// What tables call it (the `name` key, else the key path).
        public var label: String
        public var values: [String]
    }

    /// The file as given.
    public var path: String
    /// The `name` key, else the file's name without its extension.
    public var name: String
    public var description: String?
    /// The base scenarios' paths, resolved against the sweep file's folder, and their names
    /// (file names without extension, made unique).
    public var scenarios: [(path: String, name: String)]
    public var parameters: [Parameter]
    public var variants: [Variant]
    /// nil: each base scenario's own `simulation` value.
    public var replications: Int?
    public var seed: UInt64?
    public var horizonYears: Double?
    /// Figure names to collect, in order; nil: every figure.
    public var outputs: [String]?

    /// The most variants (before crossing with the scenarios) a sweep may have.
    public static let maximumVariants = 100_000
}

extension ScenarioOverride {
    /// Where a sweep file wrote it (nil for `--set` on the command line).
    public var origin: SourceLocation? {
        get { originStorage }
        set { originStorage = newValue }
    }
}
