variable "project_id" {
  description = "Project of the instance."
  type        = string
}

variable "region" {
  description = "Region of the instance."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "labels" {
  description = "User labels (must include environment)."
  type        = map(string)
}

variable "tier" {
  description = "Machine tier (seed: dev db-f1-micro, staging db-g1-small, prod db-custom-2-4096)."
  type        = string
}

variable "availability_type" {
  description = "ZONAL (single zone) or REGIONAL (multi-zone HA)."
  type        = string

  validation {
    condition     = contains(["ZONAL", "REGIONAL"], var.availability_type)
    error_message = "availability_type must be ZONAL or REGIONAL."
  }
}

variable "disk_size_gb" {
  description = "Initial SSD size; grows automatically."
  type        = number
  default     = 20
}

variable "retained_backups" {
  description = "Automated daily backups retained (seed: 3/7/30)."
  type        = number
}

variable "point_in_time_recovery" {
  description = "Enable point-in-time recovery (seed: dev off, staging and prod on)."
  type        = bool
}

variable "transaction_log_retention_days" {
  description = "Days of WAL kept for point-in-time recovery (1-7 on the Enterprise edition)."
  type        = number
  default     = 7
}

variable "deletion_protection" {
  description = "Protect the instance from deletion, in Terraform and in the API (seed: dev off)."
  type        = bool
}

variable "network_id" {
  description = "VPC the instance gets its private IP in."
  type        = string
}

variable "private_service_access_range_name" {
  description = "Allocated private service access range (the network module's output waits for the peering, so the instance is created after it)."
  type        = string
}

variable "kms_key_id" {
  description = "CMEK for the instance's disks and backups."
  type        = string
}

variable "database_name" {
  description = "Application database."
  type        = string
  default     = "interviewlm"
}

variable "app_user" {
  description = "Built-in PostgreSQL user of the application."
  type        = string
  default     = "interviewlm_app"
}

variable "password_secret_id" {
  description = "Secret Manager secret (id) that receives the generated password of app_user."
  type        = string
}

variable "slow_query_ms" {
  description = "log_min_duration_statement: statements slower than this are logged (slow query log)."
  type        = number
  default     = 1000
}
