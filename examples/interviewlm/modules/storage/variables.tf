variable "project_id" {
  description = "Project of the buckets."
  type        = string
}

variable "location" {
  description = "Bucket location."
  type        = string
}

variable "labels" {
  description = "Labels (must include environment)."
  type        = map(string)
}

variable "run_service_account_email" {
  description = "Cloud Run service account; gets roles/storage.objectAdmin on each bucket (not on the project)."
  type        = string
}

variable "cicd_service_account_email" {
  description = "CI/CD service account; gets roles/storage.admin on each bucket (not on the project)."
  type        = string
}

variable "force_destroy" {
  description = "Allow terraform destroy to delete non-empty buckets (dev only)."
  type        = bool
  default     = false
}

variable "noncurrent_version_retention_days" {
  description = "Days a noncurrent object version is kept before deletion."
  type        = number
  default     = 365
}
