import CapacityModel
import Foundation

/// Reads the traces a scenario maps onto systems. (Trace formats: see docs/scenario-format.md.)
public enum TraceLoader {
    public struct TraceError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func load(_ mappings: [TraceMapping]) throws -> TraceLibrary {
        var library = TraceLibrary()
        for m in mappings where library.files[m.file] == nil {
            throw TraceError(description: "\(m.location): error: simulation.traces: trace replay is not available in this build")
        }
        return library
    }
}
