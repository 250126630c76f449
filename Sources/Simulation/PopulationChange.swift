import SimKernel

/// Demand that follows the tenants' populations (`population_change_percent`), a year at a time:
/// at the start of each 365-day year every VM's demand is rescaled to that year's populations
/// (`SimulationModel.demandScale`) and the blades' demand weights are summed again.
final class PopulationChange: SimulationProcess {
    enum Kind: UInt32 {
        /// A new year of the run begins (subject: its number).
        case yearBegins
    }

    let events: ProcessEvents
    let horizon: Double

    init(_ setup: ProcessSetup) {
        events = setup.events
        horizon = setup.horizon
    }

    func start(_ state: inout ReplicationState, _ kernel: inout Kernel) {
        if state.model.populationChanges && SimDuration.year < horizon {
            events.schedule(Kind.yearBegins.rawValue, subject: 1, at: SimDuration.year, &kernel)
        }
    }

    func handle(_ kind: UInt32, subject number: Int, _ state: inout ReplicationState, _ kernel: inout Kernel) {
        state.beginYear(number)
        let next = Double(number + 1) * SimDuration.year
        if next < horizon { events.schedule(Kind.yearBegins.rawValue, subject: number + 1, at: next, &kernel) }
    }
}
