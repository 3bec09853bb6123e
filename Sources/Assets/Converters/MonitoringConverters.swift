import HCL

/// Cloud Monitoring: alert policies, notification channels, uptime checks. Their names are
/// assigned by the server, so on create the asset name is a placeholder
/// (`//monitoring.googleapis.com/placeholder-…`, as tfplan2cai does).
enum MonitoringConverters {
    static let all: [String: @Sendable (TerraformResource) -> [ConvertedAsset]] = [
        "google_monitoring_alert_policy": alertPolicy,
        "google_monitoring_notification_channel": notificationChannel,
        "google_monitoring_uptime_check_config": uptimeCheck,
    ]

    static func named(_ r: TerraformResource, _ kind: String, _ m: MappedData) -> ConvertedAsset {
        ConvertedAsset(
            name: "//monitoring.googleapis.com/\(r.segment(r.string("name"), "name"))",
            assetType: "monitoring.googleapis.com/\(kind)", discoveryName: kind, data: m,
            ancestryStart: "projects/\(r.projectSegment)")
    }

    static func alertPolicy(_ r: TerraformResource) -> [ConvertedAsset] {
        let m = r.mapped(DataMapping(
            drop: ["project", "name", "creation_record"],
            repeated: [
                "conditions", "conditions.condition_threshold.aggregations",
                "conditions.condition_threshold.denominator_aggregations", "conditions.condition_absent.aggregations",
                "alert_strategy.notification_channel_strategy",
            ]))
        return [named(r, "AlertPolicy", m)]
    }

    static func notificationChannel(_ r: TerraformResource) -> [ConvertedAsset] {
        // sensitive_labels (auth tokens, passwords) never enter the data.
        let m = r.mapped(DataMapping(drop: ["project", "name", "sensitive_labels", "verification_status", "force_delete"]))
        return [named(r, "NotificationChannel", m)]
    }

    static func uptimeCheck(_ r: TerraformResource) -> [ConvertedAsset] {
        let m = r.mapped(DataMapping(
            drop: ["project", "name", "uptime_check_id"],
            rename: ["http_check.auth_info.password": "password"],
            repeated: ["content_matchers", "http_check.accepted_response_status_codes"]))
        return [named(r, "UptimeCheckConfig", m)]
    }
}
