/// A scenario item that other sections refer to by its `id` (hardware models, sites, policies,
/// systems). References are resolved to the items themselves when the scenario is read
/// (`ScenarioBuilder.resolve`), so nothing downstream looks an id up.
public protocol Identified {
    var id: String { get }
}

extension BladeModel: Identified {}
extension ChassisModel: Identified {}
extension StorageArrayModel: Identified {}
extension RackModel: Identified {}
extension BaselineServerModel: Identified {}
extension Site: Identified {}
extension Policy: Identified {}
extension SystemDefinition: Identified {}
extension DemandProfile: Identified {}
