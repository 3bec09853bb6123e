variable "project_id" {
  description = "Project observed."
  type        = string
}

variable "project_number" {
  description = "Project number (budgets filter projects by number)."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "labels" {
  description = "User labels for alert policies, channels and checks (must include environment)."
  type        = map(string)
}

variable "log_retention_days" {
  description = "Retention of the _Default and application log buckets (seed: 30 / 60 / 90)."
  type        = number
}

variable "alerts_enabled" {
  description = "Alert policies notify (seed: disabled in dev, enabled in staging and prod). Disabled policies still exist with the relaxed thresholds."
  type        = bool
}

variable "error_rate_threshold_percent" {
  description = "Percentage of 5xx responses that fires the error-rate alert (seed: > 1% in prod)."
  type        = number
}

variable "latency_p99_threshold_ms" {
  description = "P99 request latency that fires the latency alert (prod 2000 ms)."
  type        = number
}

variable "db_cpu_threshold_percent" {
  description = "Cloud SQL CPU utilisation (percent) that fires the database alert (seed: > 70% in prod)."
  type        = number
}

variable "alert_duration" {
  description = "How long a condition must hold before the alert fires."
  type        = string
  default     = "300s"
}

variable "uptime_check_period" {
  description = "How often the uptime check runs (60s, 300s, 600s or 900s)."
  type        = string
  default     = "60s"
}

variable "notification_emails" {
  description = "Email addresses alerts go to."
  type        = list(string)
}

variable "app_service_name" {
  description = "Cloud Run app service observed."
  type        = string
}

variable "sql_instance_name" {
  description = "Cloud SQL instance observed."
  type        = string
}

variable "redis_instance_id" {
  description = "Memorystore instance id observed on the dashboard."
  type        = string
}

variable "uptime_host" {
  description = "Public host the uptime check probes."
  type        = string
}

variable "uptime_path" {
  description = "Health endpoint probed by the uptime check."
  type        = string
  default     = "/api/health"
}

variable "billing_account" {
  description = "Billing account the budget is created on."
  type        = string
}

variable "monthly_budget_usd" {
  description = "Upper end of the environment's expected monthly cost (seed: dev $50-100, staging $100-200, prod $400-800)."
  type        = number
}

variable "expected_monthly_cost" {
  description = "Expected monthly cost range as the seed states it, for the budget's name."
  type        = string
}
