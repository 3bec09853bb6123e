variable "project_id" {
  description = "Project of the repository."
  type        = string
}

variable "region" {
  description = "Repository location (same region as Cloud Run and the KMS key)."
  type        = string
}

variable "environment" {
  description = "Environment name."
  type        = string
}

variable "labels" {
  description = "Labels (must include environment)."
  type        = map(string)
}

variable "kms_key_id" {
  description = "CMEK for stored images."
  type        = string
}

variable "cicd_service_account_email" {
  description = "CI/CD service account; gets roles/artifactregistry.writer on this repository only."
  type        = string
}

variable "untagged_retention" {
  description = "Untagged images older than this are deleted."
  type        = string
  default     = "2592000s"
}
