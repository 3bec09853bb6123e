# Cloud Logging and Cloud Monitoring: log retention per environment, Data Access audit
# logs for every service, alert policies (error rate, P99 latency, database CPU, uptime)
# routed to notification channels, an uptime check and the operations dashboard.
# Cloud Trace needs no resource: Cloud Run traces automatically and the runtime
# service account holds roles/cloudtrace.agent.

locals {
  prefix      = "interviewlm-${var.environment}"
  database_id = "${var.project_id}:${var.sql_instance_name}"
  run_filter  = "resource.type = \"cloud_run_revision\" AND resource.labels.service_name = \"${var.app_service_name}\""
}

# --- Logging -----------------------------------------------------------------------

# The _Default bucket receives every log not routed elsewhere (including Data Access
# audit logs); its retention is the environment's log retention.
resource "google_logging_project_bucket_config" "default" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "_Default"
  retention_days = var.log_retention_days
}

# Application logs (Cloud Run app and workers, Cloud SQL including slow queries).
resource "google_logging_project_bucket_config" "app" {
  project        = var.project_id
  location       = "global"
  bucket_id      = "${local.prefix}-app"
  description    = "InterviewLM application and database logs."
  retention_days = var.log_retention_days
}

resource "google_logging_project_sink" "app" {
  project     = var.project_id
  name        = "${local.prefix}-app"
  description = "Cloud Run and Cloud SQL logs to the application log bucket."
  destination = "logging.googleapis.com/projects/${var.project_id}/locations/global/buckets/${google_logging_project_bucket_config.app.bucket_id}"
  filter      = "resource.type = \"cloud_run_revision\" OR resource.type = \"cloudsql_database\""
}

# Audit logs: Admin Activity is always on; Data Access (ADMIN_READ, DATA_READ,
# DATA_WRITE) is switched on for all services with no exempted members.
resource "google_project_iam_audit_config" "all_services" {
  project = var.project_id
  service = "allServices"

  audit_log_config {
    log_type = "ADMIN_READ"
  }

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

# --- Notification channels -----------------------------------------------------------

resource "google_monitoring_notification_channel" "email" {
  for_each = toset(var.notification_emails)

  project      = var.project_id
  display_name = "InterviewLM ${var.environment} on-call (${each.value})"
  type         = "email"
  enabled      = true
  user_labels  = var.labels

  labels = {
    email_address = each.value
  }
}

locals {
  channels = [for c in google_monitoring_notification_channel.email : c.id]
}

# --- Uptime check ----------------------------------------------------------------

resource "google_monitoring_uptime_check_config" "app" {
  project          = var.project_id
  display_name     = "${local.prefix} app ${var.uptime_path}"
  timeout          = "10s"
  period           = var.uptime_check_period
  checker_type     = "STATIC_IP_CHECKERS"
  selected_regions = ["USA", "EUROPE", "ASIA_PACIFIC"]
  user_labels      = var.labels

  http_check {
    path           = var.uptime_path
    port           = 443
    use_ssl        = true
    validate_ssl   = true
    request_method = "GET"

    accepted_response_status_codes {
      status_class = "STATUS_CLASS_2XX"
    }
  }

  monitored_resource {
    type = "uptime_url"
    labels = {
      project_id = var.project_id
      host       = var.uptime_host
    }
  }
}

# --- Alert policies --------------------------------------------------------------

resource "google_monitoring_alert_policy" "error_rate" {
  project               = var.project_id
  display_name          = "${local.prefix} high error rate (5xx > ${var.error_rate_threshold_percent}%)"
  combiner              = "OR"
  enabled               = var.alerts_enabled
  severity              = "CRITICAL"
  notification_channels = local.channels
  user_labels           = var.labels

  conditions {
    display_name = "5xx ratio of ${var.app_service_name}"

    condition_threshold {
      filter             = "metric.type = \"run.googleapis.com/request_count\" AND metric.labels.response_code_class = \"5xx\" AND ${local.run_filter}"
      denominator_filter = "metric.type = \"run.googleapis.com/request_count\" AND ${local.run_filter}"
      comparison         = "COMPARISON_GT"
      threshold_value    = var.error_rate_threshold_percent / 100
      duration           = var.alert_duration

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.labels.service_name"]
      }

      denominator_aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_RATE"
        cross_series_reducer = "REDUCE_SUM"
        group_by_fields      = ["resource.labels.service_name"]
      }

      trigger {
        count = 1
      }
    }
  }

  alert_strategy {
    auto_close = "1800s"
  }

  documentation {
    content   = "More than ${var.error_rate_threshold_percent}% of requests to ${var.app_service_name} fail with 5xx. Check the latest revision and Cloud SQL / Redis health."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "latency_p99" {
  project               = var.project_id
  display_name          = "${local.prefix} high latency (P99 > ${var.latency_p99_threshold_ms} ms)"
  combiner              = "OR"
  enabled               = var.alerts_enabled
  severity              = "WARNING"
  notification_channels = local.channels
  user_labels           = var.labels

  conditions {
    display_name = "P99 latency of ${var.app_service_name}"

    condition_threshold {
      filter          = "metric.type = \"run.googleapis.com/request_latencies\" AND ${local.run_filter}"
      comparison      = "COMPARISON_GT"
      threshold_value = var.latency_p99_threshold_ms
      duration        = var.alert_duration

      aggregations {
        alignment_period     = "60s"
        per_series_aligner   = "ALIGN_PERCENTILE_99"
        cross_series_reducer = "REDUCE_MAX"
        group_by_fields      = ["resource.labels.service_name"]
      }

      trigger {
        count = 1
      }
    }
  }

  alert_strategy {
    auto_close = "1800s"
  }

  documentation {
    content   = "P99 latency of ${var.app_service_name} is above ${var.latency_p99_threshold_ms} ms."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "database_cpu" {
  project               = var.project_id
  display_name          = "${local.prefix} database CPU > ${var.db_cpu_threshold_percent}%"
  combiner              = "OR"
  enabled               = var.alerts_enabled
  severity              = "WARNING"
  notification_channels = local.channels
  user_labels           = var.labels

  conditions {
    display_name = "CPU utilisation of ${var.sql_instance_name}"

    condition_threshold {
      filter          = "metric.type = \"cloudsql.googleapis.com/database/cpu/utilization\" AND resource.type = \"cloudsql_database\" AND resource.labels.database_id = \"${local.database_id}\""
      comparison      = "COMPARISON_GT"
      threshold_value = var.db_cpu_threshold_percent / 100
      duration        = var.alert_duration

      aggregations {
        alignment_period   = "60s"
        per_series_aligner = "ALIGN_MEAN"
      }

      trigger {
        count = 1
      }
    }
  }

  alert_strategy {
    auto_close = "1800s"
  }

  documentation {
    content   = "Cloud SQL ${var.sql_instance_name} CPU is above ${var.db_cpu_threshold_percent}%."
    mime_type = "text/markdown"
  }
}

resource "google_monitoring_alert_policy" "uptime" {
  project               = var.project_id
  display_name          = "${local.prefix} uptime check failure"
  combiner              = "OR"
  enabled               = var.alerts_enabled
  severity              = "CRITICAL"
  notification_channels = local.channels
  user_labels           = var.labels

  conditions {
    display_name = "Uptime check ${google_monitoring_uptime_check_config.app.display_name} failing"

    condition_threshold {
      filter          = "metric.type = \"monitoring.googleapis.com/uptime_check/check_passed\" AND metric.labels.check_id = \"${google_monitoring_uptime_check_config.app.uptime_check_id}\" AND resource.type = \"uptime_url\""
      comparison      = "COMPARISON_GT"
      threshold_value = 1
      duration        = "60s"

      aggregations {
        alignment_period     = "1200s"
        per_series_aligner   = "ALIGN_NEXT_OLDER"
        cross_series_reducer = "REDUCE_COUNT_FALSE"
        group_by_fields      = ["resource.labels.*"]
      }

      trigger {
        count = 1
      }
    }
  }

  alert_strategy {
    auto_close = "1800s"
  }

  documentation {
    content   = "https://${var.uptime_host}${var.uptime_path} fails from more than one checker region."
    mime_type = "text/markdown"
  }
}

# --- Dashboard -------------------------------------------------------------------

resource "google_monitoring_dashboard" "operations" {
  project = var.project_id
  dashboard_json = jsonencode({
    displayName = "InterviewLM ${var.environment} operations"
    labels      = { environment = var.environment }
    mosaicLayout = {
      columns = 12
      tiles = [
        {
          xPos = 0, yPos = 0, width = 6, height = 4
          widget = {
            title = "Request count"
            xyChart = {
              dataSets = [{
                plotType = "LINE"
                timeSeriesQuery = {
                  timeSeriesFilter = {
                    filter      = "metric.type = \"run.googleapis.com/request_count\" AND ${local.run_filter}"
                    aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_RATE", crossSeriesReducer = "REDUCE_SUM", groupByFields = ["metric.labels.response_code_class"] }
                  }
                }
              }]
            }
          }
        },
        {
          xPos = 6, yPos = 0, width = 6, height = 4
          widget = {
            title = "Request latency (P50 / P99)"
            xyChart = {
              dataSets = [
                {
                  plotType = "LINE"
                  timeSeriesQuery = {
                    timeSeriesFilter = {
                      filter      = "metric.type = \"run.googleapis.com/request_latencies\" AND ${local.run_filter}"
                      aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_PERCENTILE_50", crossSeriesReducer = "REDUCE_MAX" }
                    }
                  }
                },
                {
                  plotType = "LINE"
                  timeSeriesQuery = {
                    timeSeriesFilter = {
                      filter      = "metric.type = \"run.googleapis.com/request_latencies\" AND ${local.run_filter}"
                      aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_PERCENTILE_99", crossSeriesReducer = "REDUCE_MAX" }
                    }
                  }
                },
              ]
            }
          }
        },
        {
          xPos = 0, yPos = 4, width = 6, height = 4
          widget = {
            title = "Database CPU and memory"
            xyChart = {
              dataSets = [
                {
                  plotType = "LINE"
                  timeSeriesQuery = {
                    timeSeriesFilter = {
                      filter      = "metric.type = \"cloudsql.googleapis.com/database/cpu/utilization\" AND resource.labels.database_id = \"${local.database_id}\""
                      aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MEAN" }
                    }
                  }
                },
                {
                  plotType = "LINE"
                  timeSeriesQuery = {
                    timeSeriesFilter = {
                      filter      = "metric.type = \"cloudsql.googleapis.com/database/memory/utilization\" AND resource.labels.database_id = \"${local.database_id}\""
                      aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MEAN" }
                    }
                  }
                },
              ]
            }
          }
        },
        {
          xPos = 6, yPos = 4, width = 6, height = 4
          widget = {
            title = "Redis memory usage"
            xyChart = {
              dataSets = [{
                plotType = "LINE"
                timeSeriesQuery = {
                  timeSeriesFilter = {
                    filter      = "metric.type = \"redis.googleapis.com/stats/memory/usage_ratio\" AND resource.labels.instance_id = \"${var.redis_instance_id}\""
                    aggregation = { alignmentPeriod = "60s", perSeriesAligner = "ALIGN_MEAN" }
                  }
                }
              }]
            }
          }
        },
      ]
    }
  })
}

# --- Budget ------------------------------------------------------------------------

# The seed's expected monthly cost becomes a budget on the environment's project:
# notifications at 50%, 90% and 100% of the upper end of the range.
resource "google_billing_budget" "monthly" {
  billing_account = var.billing_account
  display_name    = "${local.prefix} monthly (${var.expected_monthly_cost})"

  budget_filter {
    projects        = ["projects/${var.project_number}"]
    calendar_period = "MONTH"
  }

  amount {
    specified_amount {
      currency_code = "USD"
      units         = tostring(var.monthly_budget_usd)
    }
  }

  threshold_rules {
    threshold_percent = 0.5
  }

  threshold_rules {
    threshold_percent = 0.9
  }

  threshold_rules {
    threshold_percent = 1.0
  }

  all_updates_rule {
    monitoring_notification_channels = local.channels
    disable_default_iam_recipients   = false
  }
}
