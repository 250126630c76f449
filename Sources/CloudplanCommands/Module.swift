import ArgumentParser
public struct CloudplanCommand: ParsableCommand {
    public init() {}
}
