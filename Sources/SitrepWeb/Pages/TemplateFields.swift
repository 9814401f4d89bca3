import Mustache

/// A view whose fields the templates read by name through a table of key paths instead of reflection. Mustache
/// otherwise builds a `Mirror` of the object for every `{{name}}` it looks up, which made a card on the status page
/// cost about a millisecond; list items (incidents, timeline entries) use this.
///
/// A nil optional reads as absent, as it does through reflection (the lookup then goes on up the context stack).
protocol TemplateFields: MustacheParent {
    static var templateFields: [String: PartialKeyPath<Self> & Sendable] { get }
}

extension TemplateFields {
    public func child(named name: String) -> Any? {
        guard let path = Self.templateFields[name] else { return nil }
        let value = self[keyPath: path]
        if let optional = value as? any OptionalField { return optional.wrappedField }
        return value
    }
}

/// An optional seen through `Any`, so that a nil field reads as absent.
private protocol OptionalField {
    var wrappedField: Any? { get }
}

extension Optional: OptionalField {
    fileprivate var wrappedField: Any? { self.map { $0 as Any } }
}
