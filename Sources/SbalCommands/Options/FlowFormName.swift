import ArgumentParser

/// Flow forms: on (J, h) like the reference code, or on h alone.
package enum FlowFormName: String, ExpressibleByArgument, CaseIterable, Sendable {
    case jh, h
}
