output "notification_channel_ids" {
  description = "Notification channels alerts route to."
  value       = local.channels
}

output "alert_policy_ids" {
  description = "Alert policies by purpose."
  value = {
    error_rate   = google_monitoring_alert_policy.error_rate.id
    latency_p99  = google_monitoring_alert_policy.latency_p99.id
    database_cpu = google_monitoring_alert_policy.database_cpu.id
    uptime       = google_monitoring_alert_policy.uptime.id
  }
}

output "uptime_check_id" {
  description = "Uptime check id."
  value       = google_monitoring_uptime_check_config.app.uptime_check_id
}
