/// A Prometheus text exposition (format 0.0.4) parsed line by line, so tests assert exact samples rather than
/// substrings: `# TYPE name type` lines give each family's type; every other non-comment line must be
/// `name{label="value",…} number` or `name number`, or parsing fails.
struct Exposition {
    struct Sample: Hashable, CustomStringConvertible {
        var name: String
        var labels: [String: String]

        var description: String {
            let pairs = labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
            return pairs.isEmpty ? name : "\(name){\(pairs.joined(separator: ","))}"
        }
    }

    struct Malformed: Error, CustomStringConvertible {
        var line: String
        var description: String { "not a sample line: \(line)" }
    }

    private(set) var types: [String: String] = [:]
    private(set) var samples: [Sample: Double] = [:]

    init(_ text: String) throws {
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# TYPE ") {
                let parts = line.split(separator: " ")
                guard parts.count == 4 else { throw Malformed(line: String(line)) }
                types[String(parts[2])] = String(parts[3])
            } else if !line.hasPrefix("#") {
                let (sample, value) = try Self.parseSample(line)
                guard samples.updateValue(value, forKey: sample) == nil else { throw Malformed(line: String(line)) }
            }
        }
    }

    /// The value of one series, nil when it is not exposed.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples[Sample(name: name, labels: labels)]
    }

    /// Every series of `name`, by its labels.
    func series(_ name: String) -> [[String: String]: Double] {
        var result: [[String: String]: Double] = [:]
        for (sample, value) in samples where sample.name == name { result[sample.labels] = value }
        return result
    }

    /// The cumulative count of a histogram's bucket whose upper bound is `bound` seconds.
    func bucket(_ name: String, _ labels: [String: String], le bound: Double) -> Double? {
        samples.first { sample, _ in
            sample.name == name + "_bucket" && sample.labels["le"].flatMap(Double.init) == bound
                && sample.labels.filter { $0.key != "le" } == labels
        }?.value
    }

    private static func parseSample(_ line: Substring) throws -> (Sample, Double) {
        var rest = line[...]
        let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" })
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let key = String(rest.prefix { $0 != "=" })
                rest = rest.dropFirst(key.count)
                guard !key.isEmpty, rest.hasPrefix("=\"") else { throw Malformed(line: String(line)) }
                rest = rest.dropFirst(2)
                labels[key] = try parseLabelValue(&rest, line: line)
                if rest.first == "," { rest = rest.dropFirst() }
            }
            rest = rest.dropFirst()
        }
        guard !name.isEmpty, rest.first == " ", let value = Double(rest.dropFirst()) else {
            throw Malformed(line: String(line))
        }
        return (Sample(name: name, labels: labels), value)
    }

    /// A quoted label value after its opening quote, with `\\`, `\"` and `\n` unescaped; consumes the closing quote.
    private static func parseLabelValue(_ rest: inout Substring, line: Substring) throws -> String {
        var value = ""
        while let character = rest.popFirst() {
            switch character {
            case "\"":
                return value
            case "\\":
                switch rest.popFirst() {
                case "n": value.append("\n")
                case let escaped?: value.append(escaped)
                case nil: throw Malformed(line: String(line))
                }
            default:
                value.append(character)
            }
        }
        throw Malformed(line: String(line))
    }
}
