/// `tollgate.sarif` written with `JSONWriter`: the bytes `SortedJSONEncoder` makes of a
/// `SARIFLog` (every type there lists its keys alphabetically; these writers follow the same
/// order and leave out nil optionals, as the synthesized `encodeIfPresent` does), without the
/// `Codable` dispatch per value. `SARIFReporterTests.writerMatchesCodable` holds the two equal.
extension SARIFLog {
    /// With `results`, the results of the (single) run are written by it instead of from the
    /// run's own list.
    func json(resultCount: Int? = nil, results: ((inout JSONWriter) -> Void)? = nil) -> [UInt8] {
        let count = resultCount ?? runs.reduce(0) { $0 + $1.results.count }
        // ~1,600 bytes per result: reserved up front, so the buffer is not regrown (and copied).
        var w = JSONWriter(capacity: 16_384 + count * 1_700 + runs.reduce(0) { $0 + $1.tool.driver.rules.count } * 2_500)
        w.beginObject()
        w.field("$schema", schema)
        w.key("runs")
        w.beginArray()
        for run in runs {
            w.element()
            run.write(&w, results: results)
        }
        w.endArray()
        w.field("version", version)
        w.endObject()
        return w.finish()
    }
}

extension SARIFLog.Run {
    func write(_ w: inout JSONWriter, results writeResults: ((inout JSONWriter) -> Void)? = nil) {
        w.beginObject()
        w.key("automationDetails")
        w.beginObject()
        w.field("id", automationDetails.id)
        w.endObject()
        w.field("columnKind", columnKind)
        w.key("invocations")
        w.beginArray()
        for i in invocations {
            w.element()
            i.write(&w)
        }
        w.endArray()
        w.key("originalUriBaseIds")
        w.beginObject()
        for id in originalUriBaseIds.keys.sorted() {
            w.key(id)
            originalUriBaseIds[id]!.write(&w)
        }
        w.endObject()
        w.key("properties")
        w.beginObject()
        w.stringArray("environments", properties.environments)
        w.field("gitCommit", properties.gitCommit)
        w.field("profile", properties.profile)
        w.endObject()
        w.key("results")
        w.beginArray()
        if let writeResults {
            writeResults(&w)
        } else {
            // By index: no copy of each result's references.
            for i in results.indices {
                w.element()
                results[i].write(&w)
            }
        }
        w.endArray()
        w.key("tool")
        w.beginObject()
        w.key("driver")
        tool.driver.write(&w)
        w.endObject()
        w.endObject()
    }
}

extension SARIFLog.ToolComponent {
    func write(_ w: inout JSONWriter) {
        w.beginObject()
        w.field("informationUri", informationUri)
        w.field("name", name)
        w.key("notifications")
        w.beginArray()
        for n in notifications {
            w.element()
            n.write(&w)
        }
        w.endArray()
        w.key("properties")
        w.beginObject()
        w.field("policyPackVersion", properties.policyPackVersion)
        w.endObject()
        w.key("rules")
        w.beginArray()
        for r in rules {
            w.element()
            r.write(&w)
        }
        w.endArray()
        w.field("semanticVersion", semanticVersion)
        w.field("version", version)
        w.endObject()
    }
}

extension SARIFLog.ReportingDescriptor {
    func write(_ w: inout JSONWriter) {
        w.beginObject()
        if let defaultConfiguration {
            w.key("defaultConfiguration")
            w.beginObject()
            w.field("level", defaultConfiguration.level)
            w.endObject()
        }
        if let fullDescription { w.key("fullDescription"); fullDescription.write(&w) }
        if let help { w.key("help"); help.write(&w) }
        w.field("helpUri", helpUri)
        w.field("id", id)
        w.field("name", name)
        if let properties {
            w.key("properties")
            w.beginObject()
            w.field("family", properties.family)
            w.field("precision", properties.precision)
            w.field("security-severity", properties.securitySeverity)
            w.field("severity", properties.severity)
            w.stringArray("tags", properties.tags)
            w.endObject()
        }
        w.key("shortDescription")
        shortDescription.write(&w)
        w.endObject()
    }
}

extension SARIFLog.MultiformatMessageString {
    func write(_ w: inout JSONWriter) {
        w.beginObject()
        w.field("markdown", markdown)
        w.field("text", text)
        w.endObject()
    }
}

extension SARIFLog.Invocation {
    func write(_ w: inout JSONWriter) {
        w.beginObject()
        w.field("executionSuccessful", executionSuccessful)
        w.field("exitCode", Int(exitCode))
        w.field("exitCodeDescription", exitCodeDescription)
        w.field("startTimeUtc", startTimeUtc)
        w.key("toolExecutionNotifications")
        w.beginArray()
        for n in toolExecutionNotifications {
            w.element()
            n.write(&w)
        }
        w.endArray()
        w.endObject()
    }
}

extension SARIFLog.Notification {
    func write(_ w: inout JSONWriter) {
        w.beginObject()
        w.key("descriptor")
        w.beginObject()
        w.field("id", descriptor.id)
        w.field("index", descriptor.index)
        w.endObject()
        w.field("level", level)
        if let locations { SARIFLog.Location.write("locations", locations, &w) }
        w.key("message")
        w.beginObject()
        w.field("text", message.text)
        w.endObject()
        w.endObject()
    }
}

extension SARIFLog.Result {
    func write(_ w: inout JSONWriter) {
        w.beginObject()
        w.field("baselineState", baselineState)
        w.field("level", level)
        SARIFLog.Location.write("locations", locations, &w)
        w.key("message")
        w.beginObject()
        w.field("text", message.text)
        w.endObject()
        w.key("partialFingerprints")
        w.beginObject()
        if partialFingerprints.count == 1, let only = partialFingerprints.first {
            w.key(only.key)
            w.string(only.value)
        } else {
            for k in partialFingerprints.keys.sorted() {
                w.key(k)
                w.string(partialFingerprints[k]!)
            }
        }
        w.endObject()
        w.key("properties")
        w.beginObject()
        w.field("assetType", properties.assetType)
        w.field("environment", properties.environment)
        w.field("family", properties.family)
        w.field("severity", properties.severity)
        w.field("status", properties.status)
        w.endObject()
        w.field("ruleId", ruleId)
        w.field("ruleIndex", ruleIndex)
        if let suppressions {
            w.key("suppressions")
            w.beginArray()
            for i in suppressions.indices {
                w.element()
                suppressions[i].write(&w)
            }
            w.endArray()
        }
        w.endObject()
    }
}

extension SARIFLog.Location {
    static func write(_ key: StaticString, _ locations: [SARIFLog.Location], _ w: inout JSONWriter) {
        w.key(key)
        w.beginArray()
        for i in locations.indices {
            w.element()
            locations[i].write(&w)
        }
        w.endArray()
    }

    func write(_ w: inout JSONWriter) {
        w.beginObject()
        if let logicalLocations {
            w.key("logicalLocations")
            w.beginArray()
            for i in logicalLocations.indices {
                let l = logicalLocations[i]
                w.element()
                w.beginObject()
                w.field("fullyQualifiedName", l.fullyQualifiedName)
                w.field("kind", l.kind)
                w.field("name", l.name)
                w.endObject()
            }
            w.endArray()
        }
        if let p = physicalLocation {
            w.key("physicalLocation")
            w.beginObject()
            w.key("artifactLocation")
            p.artifactLocation.write(&w)
            if let r = p.region {
                w.key("region")
                w.beginObject()
                if let c = r.endColumn { w.field("endColumn", c) }
                if let l = r.endLine { w.field("endLine", l) }
                if let c = r.startColumn { w.field("startColumn", c) }
                w.field("startLine", r.startLine)
                w.endObject()
            }
            w.endObject()
        }
        w.endObject()
    }
}

extension SARIFLog.ArtifactLocation {
    func write(_ w: inout JSONWriter) {
        w.beginObject()
        if let description {
            w.key("description")
            w.beginObject()
            w.field("text", description.text)
            w.endObject()
        }
        w.field("uri", uri)
        w.field("uriBaseId", uriBaseId)
        w.endObject()
    }
}

extension SARIFLog.Suppression {
    func write(_ w: inout JSONWriter) {
        w.beginObject()
        w.field("justification", justification)
        w.field("kind", kind)
        if let location { w.key("location"); location.write(&w) }
        if let p = properties {
            w.key("properties")
            w.beginObject()
            w.field("expires", p.expires)
            w.field("owner", p.owner)
            w.field("source", p.source)
            w.endObject()
        }
        w.field("status", status)
        w.endObject()
    }
}
