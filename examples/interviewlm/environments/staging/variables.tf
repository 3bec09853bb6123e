# Every value differs per environment and comes from terraform.tfvars; the seed's
# Environment Comparison table is the source of each one (see ../../SEED-MAP.md).

variable "project_id" {
  description = "The environment's own project."
  type        = string
}

variable "project_number" {
  description = "Project number (service agent and workload identity principal names)."
  type        = string
}

variable "billing_account" {
  description = "Billing account of the project (for the budget)."
  type        = string
}

variable "region" {
  description = "Region of every regional resource."
  type        = string
}

variable "environment" {
  description = "dev, staging or prod; becomes the environment label of every resource."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "domain" {
  description = "Public host name of the environment."
  type        = string
}

# --- Network ---

variable "vpc_cidr" {
  description = "The environment's /20."
  type        = string
}

variable "private_service_access_cidr" {
  description = "Range reserved for Cloud SQL and Memorystore."
  type        = string
}

variable "connector_machine_type" {
  description = "Serverless VPC Access connector machine type."
  type        = string
}

variable "connector_min_instances" {
  description = "Connector minimum instances."
  type        = number
}

variable "connector_max_instances" {
  description = "Connector maximum instances."
  type        = number
}

# --- App and workers ---

variable "app_image" {
  description = "Initial app image."
  type        = string
}

variable "app_min_instances" {
  description = "App minimum instances."
  type        = number
}

variable "app_max_instances" {
  description = "App maximum instances."
  type        = number
}

variable "app_cpu" {
  description = "App vCPU per instance."
  type        = string
}

variable "app_memory" {
  description = "App memory per instance."
  type        = string
}

variable "workers_enabled" {
  description = "Run the BullMQ workers."
  type        = bool
}

variable "worker_image" {
  description = "Initial worker image."
  type        = string
}

variable "workers_min_instances" {
  description = "Worker minimum (always-on) instances."
  type        = number
}

variable "workers_max_instances" {
  description = "Worker maximum instances."
  type        = number
}

# --- Data ---

variable "db_tier" {
  description = "Cloud SQL tier."
  type        = string
}

variable "db_availability_type" {
  description = "ZONAL or REGIONAL."
  type        = string
}

variable "db_retained_backups" {
  description = "Retained automated backups."
  type        = number
}

variable "db_point_in_time_recovery" {
  description = "Point-in-time recovery."
  type        = bool
}

variable "db_transaction_log_retention_days" {
  description = "WAL retention for point-in-time recovery (Enterprise edition: at most 7)."
  type        = number
}

variable "deletion_protection" {
  description = "Deletion protection of stateful and serving resources."
  type        = bool
}

variable "redis_tier" {
  description = "BASIC or STANDARD_HA."
  type        = string
}

variable "redis_memory_size_gb" {
  description = "Redis memory in GiB."
  type        = number
}

variable "storage_force_destroy" {
  description = "Allow destroying non-empty buckets."
  type        = bool
}

# --- Observability ---

variable "log_retention_days" {
  description = "Log bucket retention."
  type        = number
}

variable "alerts_enabled" {
  description = "Alert policies enabled."
  type        = bool
}

variable "error_rate_threshold_percent" {
  description = "Error-rate alert threshold (percent of 5xx)."
  type        = number
}

variable "latency_p99_threshold_ms" {
  description = "P99 latency alert threshold (ms)."
  type        = number
}

variable "db_cpu_threshold_percent" {
  description = "Database CPU alert threshold (percent)."
  type        = number
}

variable "uptime_check_period" {
  description = "Uptime check period."
  type        = string
}

variable "notification_emails" {
  description = "Alert recipients."
  type        = list(string)
}

variable "monthly_budget_usd" {
  description = "Budget amount (upper end of the expected monthly cost)."
  type        = number
}

variable "expected_monthly_cost" {
  description = "Expected monthly cost range (seed)."
  type        = string
}

# --- CI/CD ---

variable "github_repository" {
  description = "GitHub repository (owner/repo) allowed to deploy."
  type        = string
}

variable "github_deploy_ref" {
  description = "Git ref allowed to deploy (null: any ref of the repository)."
  type        = string
  default     = null
}

variable "secret_first_rotation_time" {
  description = "First scheduled rotation event of rotated secrets (RFC 3339)."
  type        = string
}
